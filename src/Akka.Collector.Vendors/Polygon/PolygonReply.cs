using System.Text.Json;
using Akka.Collector.Domain.Symbols;

namespace Akka.Collector.Vendors.Polygon;

/// <summary>One aggregate row as Polygon sent it: start in Unix ms, prices, volume.</summary>
internal readonly record struct PolygonAgg(
    long T, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume);

/// <summary>
/// One page of an aggregates reply, read strictly: the body must be a JSON object with a
/// string <c>status</c> of OK or DELAYED; <c>ticker</c>, when present, must be the ticker
/// asked for; <c>resultsCount</c>, when present, a number equal to the rows sent;
/// <c>results</c> absent, null or an array of objects whose t is a whole number and o, h, l,
/// c, v are numbers. Anything else throws <see cref="FormatException"/> with the reason:
/// a reply that breaks its own shape cannot be trusted in part. vw and n are not used.
/// </summary>
internal sealed record PolygonReply(
    string? RequestId, string Status, string? NextUrl, IReadOnlyList<PolygonAgg> Results)
{
    public bool IsDelayed => Status == "DELAYED";

    public static PolygonReply Read(byte[] body, Symbol ticker)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new FormatException($"the body is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException($"the body is a JSON {root.ValueKind}, not an object");

            var status = Text(root, "status") ?? throw new FormatException("status is missing");
            if (status is not ("OK" or "DELAYED"))
                throw new FormatException($"status is '{Short(status)}', not OK or DELAYED");

            var sent = Text(root, "ticker");
            if (sent is not null && !string.Equals(sent, ticker.Value, StringComparison.Ordinal))
                throw new FormatException($"it is for ticker '{Short(sent)}', not {ticker}");

            var results = ReadResults(root);
            if (root.TryGetProperty("resultsCount", out var count)
                && count.ValueKind != JsonValueKind.Null)
            {
                if (count.ValueKind != JsonValueKind.Number || !count.TryGetInt32(out var n))
                    throw new FormatException($"resultsCount is a {count.ValueKind}, not a count");
                if (n != results.Count)
                    throw new FormatException(
                        $"resultsCount says {n} but {results.Count} rows came");
            }

            return new PolygonReply(
                Text(root, "request_id"), status, Text(root, "next_url"), results);
        }
    }

    private static List<PolygonAgg> ReadResults(JsonElement root)
    {
        if (!root.TryGetProperty("results", out var results)
            || results.ValueKind == JsonValueKind.Null)
            return [];
        if (results.ValueKind != JsonValueKind.Array)
            throw new FormatException($"results is a {results.ValueKind}, not an array");

        var rows = new List<PolygonAgg>(results.GetArrayLength());
        var i = 0;
        foreach (var row in results.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Object)
                throw new FormatException($"result {i} is a {row.ValueKind}, not an object");

            var t = Number(row, "t", i);
            if (!t.TryGetInt64(out var ms))
                throw new FormatException($"result {i}: t is not a whole number of milliseconds");

            rows.Add(new PolygonAgg(ms, Decimal(row, "o", i), Decimal(row, "h", i),
                Decimal(row, "l", i), Decimal(row, "c", i), Decimal(row, "v", i)));
            i++;
        }

        return rows;
    }

    private static decimal Decimal(JsonElement row, string name, int i) =>
        Number(row, name, i).TryGetDecimal(out var value)
            ? value
            : throw new FormatException($"result {i}: {name} is out of range");

    private static JsonElement Number(JsonElement row, string name, int i)
    {
        if (!row.TryGetProperty(name, out var value))
            throw new FormatException($"result {i}: {name} is missing");
        if (value.ValueKind != JsonValueKind.Number)
            throw new FormatException($"result {i}: {name} is a {value.ValueKind}, not a number");
        return value;
    }

    // A string property, null when absent or null; any other type is malformed.
    private static string? Text(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FormatException($"{name} is a {value.ValueKind}, not a string");
    }

    // Vendor text echoed into messages is kept short.
    private static string Short(string text) => text.Length <= 24 ? text : text[..24] + "...";
}
