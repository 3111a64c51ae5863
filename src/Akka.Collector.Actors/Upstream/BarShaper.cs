using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store;
using Akka.Collector.Vendors;

namespace Akka.Collector.Actors.Upstream;

/// <summary>
/// Turns a vendor reply into what may be stored. Rules, in order:
/// 1. 1h/2h/4h are built here from the vendor's 30m bars on the session grid.
/// 2. A bar whose start is outside the requested range is dropped.
/// 3. A bar whose start is off the session grid, or that falls outside regular hours, is dropped.
/// 4. A bar whose end lies past the range end is still forming and is dropped (never stored).
/// 5. A bar with inconsistent OHLC or negative volume is dropped.
/// 6. Two bars with one start: the later one in the reply wins.
/// Every drop is counted with its reason so the caller can log it.
/// </summary>
public static class BarShaper
{
    public sealed record Shaped(
        IReadOnlyList<CandleWrite> Writes, IReadOnlyList<string> Rejections);

    public static Shaped Shape(
        BarBatch reply, IReadOnlyList<Symbol> symbols, BarInterval interval, TimeRange range,
        BarGrid grid)
    {
        var writes = new List<CandleWrite>(symbols.Count);
        var rejections = new List<string>();

        foreach (var symbol in symbols)
        {
            var raw = reply.For(symbol);
            var bars = interval.IsBuiltByAggregation
                ? CandleAggregator.Aggregate(raw, interval, grid)
                : raw;

            var kept = new SortedDictionary<NodaTime.Instant, Candle>();
            foreach (var bar in bars)
            {
                var reason = Reject(bar, interval, range, grid);
                if (reason is null)
                    kept[bar.Start] = bar;
                else
                    rejections.Add($"{symbol} {interval} {bar.Start}: {reason}");
            }

            writes.Add(new CandleWrite(symbol, interval, range, [.. kept.Values]));
        }

        return new Shaped(writes, rejections);
    }

    private static string? Reject(Candle bar, BarInterval interval, TimeRange range, BarGrid grid)
    {
        if (!range.Contains(bar.Start))
            return $"starts outside the requested range {range}";

        var slot = grid.SlotContaining(bar.Start, interval);
        if (slot is null)
            return "falls outside regular session hours";
        if (slot.Value.Start != bar.Start)
            return $"is off the session grid (bar of {slot.Value.Start})";
        if (slot.Value.End > range.To)
            return "is still forming at the end of the range";

        return bar.Inconsistency();
    }
}
