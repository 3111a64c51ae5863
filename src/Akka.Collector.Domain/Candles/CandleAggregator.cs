using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Candles;

/// <summary>
/// Rolls finer bars up into wider ones on the session grid: first open, highest high, lowest
/// low, last close, summed volume. Bars outside regular hours are dropped, never folded in.
/// </summary>
public static class CandleAggregator
{
    /// <param name="finer">Bars of one symbol, any order; duplicates by start are not allowed.</param>
    /// <exception cref="ArgumentException">
    /// Two finer bars share a start: folding both in would count that bar's volume twice.
    /// </exception>
    public static List<Candle> Aggregate(IEnumerable<Candle> finer, BarInterval target, BarGrid grid)
    {
        var result = new List<Candle>();
        Candle? current = null;
        Instant? previousStart = null;

        foreach (var bar in finer.OrderBy(c => c.Start))
        {
            if (bar.Start == previousStart)
                throw new ArgumentException(
                    $"two bars start at {bar.Start}; aggregation needs one bar per start",
                    nameof(finer));

            previousStart = bar.Start;
            var slotStart = grid.SlotStartFor(bar.Start, target);
            if (slotStart is null)
                continue;

            if (current is { } open && open.Start == slotStart.Value)
            {
                current = open with
                {
                    High = Math.Max(open.High, bar.High),
                    Low = Math.Min(open.Low, bar.Low),
                    Close = bar.Close,
                    Volume = open.Volume + bar.Volume,
                };
                continue;
            }

            if (current is { } done)
                result.Add(done);

            current = bar with { Start = slotStart.Value };
        }

        if (current is { } last)
            result.Add(last);

        return result;
    }
}
