using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Akka.Collector.Vendors.Alpaca;

/// <summary>One bar as Alpaca sent it, before any rule of ours is applied.</summary>
internal readonly record struct AlpacaBar(
    string Symbol, Instant Start, decimal Open, decimal High, decimal Low, decimal Close,
    decimal Volume);

/// <summary>One page of a /v2/stocks/bars reply: bars in reply order, and the next token.</summary>
internal sealed record AlpacaPage(IReadOnlyList<AlpacaBar> Bars, string? NextPageToken);

/// <summary>
/// Reads a /v2/stocks/bars body strictly where it matters and loosely where it does not:
/// <c>bars</c> must be an object (or null) of symbol to array (or null), each bar needs
/// <c>t</c> as an RFC-3339 string and <c>o h l c v</c> as JSON numbers; <c>n</c>, <c>vw</c>
/// and fields Alpaca may add later are ignored. Anything else is a malformed reply, never a
/// guess: a number sent as a string is refused rather than converted.
/// </summary>
internal static class AlpacaReply
{
    /// <exception cref="FormatException">The body is not a complete, well-typed reply.</exception>
    public static AlpacaPage Read(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not complete JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException($"the reply is a JSON {Kind(root)}, not an object");

            if (!root.TryGetProperty("bars", out var barsElement))
                throw new FormatException("the reply has no 'bars'");

            return new AlpacaPage(ReadBars(barsElement), NextToken(root));
        }
    }

    private static List<AlpacaBar> ReadBars(JsonElement bars)
    {
        var result = new List<AlpacaBar>();
        if (bars.ValueKind == JsonValueKind.Null)
            return result;
        if (bars.ValueKind != JsonValueKind.Object)
            throw new FormatException($"'bars' is a JSON {Kind(bars)}, not an object");

        foreach (var symbol in bars.EnumerateObject())
        {
            if (symbol.Value.ValueKind == JsonValueKind.Null)
                continue;
            if (symbol.Value.ValueKind != JsonValueKind.Array)
                throw new FormatException($"bars of '{Shorten(symbol.Name)}' are a JSON " +
                                          $"{Kind(symbol.Value)}, not an array");

            var index = 0;
            foreach (var bar in symbol.Value.EnumerateArray())
                result.Add(ReadBar(symbol.Name, bar, index++));
        }

        return result;
    }

    private static AlpacaBar ReadBar(string symbol, JsonElement bar, int index)
    {
        var where = $"bar {index} of '{Shorten(symbol)}'";
        if (bar.ValueKind != JsonValueKind.Object)
            throw new FormatException($"{where} is a JSON {Kind(bar)}, not an object");

        return new AlpacaBar(
            symbol,
            Time(bar, where),
            Number(bar, "o", where),
            Number(bar, "h", where),
            Number(bar, "l", where),
            Number(bar, "c", where),
            Number(bar, "v", where));
    }

    private static Instant Time(JsonElement bar, string where)
    {
        if (!bar.TryGetProperty("t", out var t))
            throw new FormatException($"{where} has no 't'");
        if (t.ValueKind != JsonValueKind.String)
            throw new FormatException($"{where}: 't' is a JSON {Kind(t)}, not an RFC-3339 string");

        var parsed = OffsetDateTimePattern.Rfc3339.Parse(t.GetString()!);
        return parsed.Success
            ? parsed.Value.ToInstant()
            : throw new FormatException(
                $"{where}: 't' '{Shorten(t.GetString()!)}' is not an RFC-3339 time");
    }

    private static decimal Number(JsonElement bar, string name, string where)
    {
        if (!bar.TryGetProperty(name, out var value))
            throw new FormatException($"{where} has no '{name}'");
        if (value.ValueKind != JsonValueKind.Number)
            throw new FormatException($"{where}: '{name}' is a JSON {Kind(value)}, not a number");

        return value.TryGetDecimal(out var number)
            ? number
            : throw new FormatException($"{where}: '{name}' is out of range");
    }

    private static string? NextToken(JsonElement root)
    {
        if (!root.TryGetProperty("next_page_token", out var token))
            return null;

        return token.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String when token.GetString() is { Length: > 0 } text => text,
            JsonValueKind.String => null,
            _ => throw new FormatException(
                $"'next_page_token' is a JSON {Kind(token)}, not a string"),
        };
    }

    private static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();

    // Vendor text goes into messages and logs: a short prefix is enough to recognise it.
    private static string Shorten(string text) => text.Length <= 16 ? text : text[..16] + "...";
}
