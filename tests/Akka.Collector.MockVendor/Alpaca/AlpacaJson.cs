using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Akka.Collector.MockVendor.Data;
using Akka.Collector.MockVendor.Faults;
using NodaTime.Text;

namespace Akka.Collector.MockVendor.Alpaca;

/// <summary>
/// Writes a bars page in Alpaca's shape:
/// <c>{"bars":{"AAPL":[{"t","o","h","l","c","v","n","vw"}]},"next_page_token":...}</c>,
/// with <c>"bars":{}</c> when there is nothing. Two malformed kinds break the body itself:
/// truncated JSON (the first half, sent as a complete HTTP reply) and wrong types (the first
/// open as a string, or <c>bars</c> as an array when the page is empty).
/// </summary>
internal static class AlpacaJson
{
    public static byte[] Page(AlpacaPageOfBars page, MalformedKind? malformed)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (malformed == MalformedKind.WrongTypes && page.Count == 0)
            {
                json.WriteStartArray("bars");
                json.WriteEndArray();
            }
            else
            {
                WriteBars(json, page, malformed == MalformedKind.WrongTypes);
            }

            if (page.Next is { } next)
                json.WriteString("next_page_token", next.Encode());
            else
                json.WriteNull("next_page_token");
            json.WriteEndObject();
        }

        var body = buffer.WrittenSpan.ToArray();
        return malformed == MalformedKind.TruncatedJson ? body[..(body.Length / 2)] : body;
    }

    public static byte[] Message(string message) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, string> { ["message"] = message });

    private static void WriteBars(Utf8JsonWriter json, AlpacaPageOfBars page, bool wrongType)
    {
        json.WriteStartObject("bars");
        foreach (var (symbol, bars) in page.Bars)
        {
            json.WriteStartArray(symbol);
            foreach (var bar in bars)
            {
                WriteBar(json, bar, wrongType);
                wrongType = false;
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteBar(Utf8JsonWriter json, VendorBar bar, bool openAsString)
    {
        json.WriteStartObject();
        json.WriteString("t", InstantPattern.General.Format(bar.Start));
        if (openAsString)
            json.WriteString("o", bar.Open.ToString(CultureInfo.InvariantCulture));
        else
            json.WriteNumber("o", bar.Open);
        json.WriteNumber("h", bar.High);
        json.WriteNumber("l", bar.Low);
        json.WriteNumber("c", bar.Close);
        json.WriteNumber("v", bar.Volume);
        json.WriteNumber("n", bar.Trades);
        json.WriteNumber("vw", bar.Vwap);
        json.WriteEndObject();
    }
}
