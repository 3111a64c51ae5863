using System.Globalization;
using System.Text.Json;
using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>Reads the parts of a chart answer the tests look at.</summary>
public static class ChartJson
{
    public static IReadOnlyList<JsonElement> Candles(this HttpJson answer) =>
        [.. answer.Body.GetProperty("candles").EnumerateArray()];

    public static bool Fresh(this HttpJson answer) =>
        answer.Body.GetProperty("fresh").GetBoolean();

    public static Instant StartOf(JsonElement candle) =>
        Instant.FromUnixTimeMilliseconds(candle.GetProperty("t").GetInt64());

    public static IReadOnlyList<Instant> Starts(this HttpJson answer) =>
        [.. answer.Candles().Select(StartOf)];

    public static Instant LastStart(this HttpJson answer) => StartOf(answer.Candles()[^1]);

    /// <summary>ISO text as the gateway takes it in a query string.</summary>
    public static string Iso(Instant t) =>
        t.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static long Ms(Instant t) => t.ToUnixTimeMilliseconds();
}
