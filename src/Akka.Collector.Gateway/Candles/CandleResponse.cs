using System.Text.Json.Serialization;

namespace Akka.Collector.Gateway.Candles;

/// <summary>The chart payload: what a client draws and how fresh it is.</summary>
public sealed record CandleResponse(
    string Symbol,
    string Interval,
    string TimeZone,
    bool Fresh,
    string? CollectedUpTo,
    bool LastIsFinal,
    double? NewestBarAgeSeconds,
    IReadOnlyList<CandleDto> Candles)
{
    /// <summary>Set when the chart's from lies before the stored history.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HistoryNote? History { get; init; }
}

/// <summary>One bar: start as ISO-8601 UTC and as epoch milliseconds.</summary>
public sealed record CandleDto(
    string Start,
    long T,
    [property: JsonPropertyName("o")] decimal Open,
    [property: JsonPropertyName("h")] decimal High,
    [property: JsonPropertyName("l")] decimal Low,
    [property: JsonPropertyName("c")] decimal Close,
    [property: JsonPropertyName("v")] long Volume);
