using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Akka.Collector.MockVendor.Data;

namespace Akka.Collector.MockVendor.Polygon;

/// <summary>A result row as it goes on the wire.</summary>
internal sealed record PolygonRow(
    long T, decimal O, decimal H, decimal L, decimal C, decimal V, decimal Vw, long N)
{
    public static PolygonRow From(VendorBar bar, decimal volumeFraction) => new(
        bar.Start.ToUnixTimeMilliseconds(), bar.Open, bar.High, bar.Low, bar.Close,
        bar.Volume + volumeFraction, bar.Vwap, bar.Trades);
}

/// <summary>An aggregates reply, written in Polygon's shape.</summary>
/// <param name="PricesAsText">The wrong-types fault: prices and resultsCount as strings.</param>
internal sealed record PolygonBody(
    string Ticker,
    int QueryCount,
    bool Adjusted,
    IReadOnlyList<PolygonRow> Results,
    string Status,
    string RequestId,
    string? NextUrl,
    bool PricesAsText = false)
{
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ticker", Ticker);
            json.WriteNumber("queryCount", QueryCount);
            if (PricesAsText)
                json.WriteString("resultsCount", $"{Results.Count}");
            else
                json.WriteNumber("resultsCount", Results.Count);
            json.WriteBoolean("adjusted", Adjusted);

            // Polygon leaves "results" out altogether when there is nothing to send.
            if (Results.Count > 0)
            {
                json.WriteStartArray("results");
                foreach (var row in Results)
                    WriteRow(json, row);
                json.WriteEndArray();
            }

            json.WriteString("status", Status);
            json.WriteString("request_id", RequestId);
            if (NextUrl is not null)
                json.WriteString("next_url", NextUrl);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Polygon's error shape, for 400 and 401.</summary>
    public static byte[] Error(string requestId, string error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", "ERROR");
            json.WriteString("request_id", requestId);
            json.WriteString("error", error);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void WriteRow(Utf8JsonWriter json, PolygonRow row)
    {
        json.WriteStartObject();
        json.WriteNumber("t", row.T);
        Price(json, "o", row.O);
        Price(json, "h", row.H);
        Price(json, "l", row.L);
        Price(json, "c", row.C);
        json.WriteNumber("v", row.V);
        json.WriteNumber("vw", row.Vw);
        json.WriteNumber("n", row.N);
        json.WriteEndObject();
    }

    private void Price(Utf8JsonWriter json, string name, decimal value)
    {
        if (PricesAsText)
            json.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        else
            json.WriteNumber(name, value);
    }
}
