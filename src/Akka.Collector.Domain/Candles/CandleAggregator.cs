using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Domain.Candles;

/// <summary>
/// Rolls finer bars up into wider ones on the session grid: first open, highest high, lowest
/// low, last close, summed volume. Bars outside regular hours are dropped, never folded in.
/// </summary>
public static class CandleAggregator
{
    /// <param name="finer">
    /// Bars of one symbol, any order. An exact repeat of a bar (overlapping pages) counts once.
    /// </param>
    /// <exception cref="ArgumentException">
    /// Two different finer bars share a start: neither can be trusted, and folding both in
    /// would count that minute's volume twice.
    /// </exception>
    public static List<Candle> Aggregate(
        IEnumerable<Candle> finer, BarInterval target, BarGrid grid)
    {
        var result = new List<Candle>();
        Candle? current = null;
        Candle? previous = null;

        foreach (var bar in finer.OrderBy(c => c.Start))
        {
            if (previous is { } seen && seen.Start == bar.Start)
            {
                if (seen == bar)
                    continue;

                throw new ArgumentException(
                    $"two different bars start at {bar.Start}; aggregation needs one per start",
                    nameof(finer));
            }

            previous = bar;
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
