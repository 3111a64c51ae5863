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
/// <remarks>
/// One forward pass of <see cref="Utf8JsonReader"/> over the body, with no document built: a
/// reply is read between one request and the next on the same slot, and a DOM cost three
/// times the time and a kilobyte a bar. The body is complete (the client buffers it), so
/// skipping an unknown field never runs out of data, and any syntax fault, wherever it is,
/// is the reply being incomplete or not JSON.
/// </remarks>
internal static class AlpacaReply
{
    /// <exception cref="FormatException">The body is not a complete, well-typed reply.</exception>
    public static AlpacaPage Read(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new FormatException($"the reply is a JSON {Kind(reader)}, not an object");

            List<AlpacaBar>? bars = null;
            string? token = null;
            while (NextProperty(ref reader) is { } name)
            {
                Next(ref reader);
                if (name == "bars")
                    bars = ReadBars(ref reader);
                else if (name == "next_page_token")
                    token = NextToken(ref reader);
                else
                    reader.Skip();
            }

            // JsonDocument refused anything after the root value; so does the reader.
            if (reader.Read())
                throw new JsonException("content after the end of the reply");

            return bars is null
                ? throw new FormatException("the reply has no 'bars'")
                : new AlpacaPage(bars, token);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not complete JSON ({e.Message})", e);
        }
    }

    private static List<AlpacaBar> ReadBars(ref Utf8JsonReader reader)
    {
        var result = new List<AlpacaBar>();
        if (reader.TokenType == JsonTokenType.Null)
            return result;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new FormatException($"'bars' is a JSON {Kind(reader)}, not an object");

        while (NextProperty(ref reader) is { } symbol)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.Null)
                continue;
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new FormatException($"bars of '{Shorten(symbol)}' are a JSON " +
                                          $"{Kind(reader)}, not an array");

            var index = 0;
            while (Next(ref reader) != JsonTokenType.EndArray)
                result.Add(ReadBar(ref reader, symbol, index++));
        }

        return result;
    }

    private static AlpacaBar ReadBar(ref Utf8JsonReader reader, string symbol, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new FormatException($"{Where(symbol, index)} is a JSON {Kind(reader)}, " +
                                      "not an object");

        Instant? time = null;
        decimal? open = null, high = null, low = null, close = null, volume = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            // The fields are single letters; comparing bytes spares a string per field. An
            // escaped name is never one byte long, so the raw bytes are the name.
            var field = reader.ValueSpan;
            Next(ref reader);
            if (field.Length != 1)
            {
                reader.Skip();
                continue;
            }

            switch ((char)field[0])
            {
                case 't':
                    time = Time(ref reader, symbol, index);
                    break;
                case 'o':
                    open = Number(ref reader, "o", symbol, index);
                    break;
                case 'h':
                    high = Number(ref reader, "h", symbol, index);
                    break;
                case 'l':
                    low = Number(ref reader, "l", symbol, index);
                    break;
                case 'c':
                    close = Number(ref reader, "c", symbol, index);
                    break;
                case 'v':
                    volume = Number(ref reader, "v", symbol, index);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new AlpacaBar(
            symbol,
            time ?? throw Missing("t", symbol, index),
            open ?? throw Missing("o", symbol, index),
            high ?? throw Missing("h", symbol, index),
            low ?? throw Missing("l", symbol, index),
            close ?? throw Missing("c", symbol, index),
            volume ?? throw Missing("v", symbol, index));
    }

    private static Instant Time(ref Utf8JsonReader reader, string symbol, int index)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new FormatException($"{Where(symbol, index)}: 't' is a JSON {Kind(reader)}, " +
                                      "not an RFC-3339 string");

        // The usual shape is read from the bytes; anything else (escapes, odd forms) goes
        // through NodaTime's pattern, which also words the refusal.
        if (!reader.ValueIsEscaped && Rfc3339Shape.Holds(reader.ValueSpan)
            && reader.TryGetDateTimeOffset(out var fast))
        {
            return Instant.FromDateTimeOffset(fast);
        }

        var text = reader.GetString()!;
        var parsed = OffsetDateTimePattern.Rfc3339.Parse(text);
        return parsed.Success
            ? parsed.Value.ToInstant()
            : throw new FormatException(
                $"{Where(symbol, index)}: 't' '{Shorten(text)}' is not an RFC-3339 time");
    }

    private static decimal Number(ref Utf8JsonReader reader, string name, string symbol, int index)
    {
        if (reader.TokenType != JsonTokenType.Number)
            throw new FormatException($"{Where(symbol, index)}: '{name}' is a JSON " +
                                      $"{Kind(reader)}, not a number");

        return reader.TryGetDecimal(out var number)
            ? number
            : throw new FormatException($"{Where(symbol, index)}: '{name}' is out of range");
    }

    private static string? NextToken(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String when reader.GetString() is { Length: > 0 } text => text,
        JsonTokenType.String => null,
        _ => throw new FormatException(
            $"'next_page_token' is a JSON {Kind(reader)}, not a string"),
    };

    // The next property name of the object the reader is in, or null at its end.
    private static string? NextProperty(ref Utf8JsonReader reader) =>
        Next(ref reader) == JsonTokenType.PropertyName ? reader.GetString()! : null;

    // A complete body never runs out; running out is the body being cut short.
    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the reply ends early");

    private static FormatException Missing(string name, string symbol, int index) =>
        new($"{Where(symbol, index)} has no '{name}'");

    // Built only for a message: a bar that reads well costs no string.
    private static string Where(string symbol, int index) => $"bar {index} of '{Shorten(symbol)}'";

    private static string Kind(Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString().ToLowerInvariant(),
    };

    // Vendor text goes into messages and logs: a short prefix is enough to recognise it.
    private static string Shorten(string text) => text.Length <= 16 ? text : text[..16] + "...";
}
