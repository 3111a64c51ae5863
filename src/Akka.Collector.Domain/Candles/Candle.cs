using NodaTime;

namespace Akka.Collector.Domain.Candles;

/// <summary>
/// One OHLCV bar, labelled by its start. The bar covers [Start, end) where the end comes
/// from the interval and the session (the last bar of a session is cut at the close).
/// </summary>
public readonly record struct Candle(
    Instant Start,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    long Volume)
{
    /// <summary>Null when the bar is consistent, otherwise why it is not.</summary>
    public string? Inconsistency()
    {
        if (Low > High)
            return $"low {Low} is above high {High}";
        if (Open < Low || Open > High)
            return $"open {Open} lies outside low..high {Low}..{High}";
        if (Close < Low || Close > High)
            return $"close {Close} lies outside low..high {Low}..{High}";
        if (Volume < 0)
            return $"volume {Volume} is negative";
        return null;
    }
}
