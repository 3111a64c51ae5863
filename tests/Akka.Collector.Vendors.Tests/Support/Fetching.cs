using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Support;

internal static class Fetching
{
    public static async Task<IReadOnlyList<Candle>> Bars(this IBarSource source, string symbol,
        BarInterval interval, Instant from, Instant to)
    {
        var batch = await source.Batch([symbol], interval, from, to);
        return batch.For(Symbol.Parse(symbol));
    }

    public static Task<BarBatch> Batch(this IBarSource source, IEnumerable<string> symbols,
        BarInterval interval, Instant from, Instant to) =>
        source.FetchAsync(
            new BarRequest([.. symbols.Select(Symbol.Parse)], interval, new TimeRange(from, to)),
            CancellationToken.None);

    /// <summary>Where a bar of the interval ends on the session grid.</summary>
    public static Instant EndOf(this BarGrid grid, Candle bar, BarInterval interval) =>
        grid.SlotContaining(bar.Start, interval)?.End
        ?? throw new InvalidOperationException($"{bar.Start} is outside regular hours");

    /// <summary>The bars CandleAggregator makes of these minutes, closed by now.</summary>
    public static List<Candle> ClosedRollup(this BarGrid grid, IEnumerable<Candle> minutes,
        BarInterval interval, Instant now) =>
        CandleAggregator.Aggregate(minutes, interval, grid)
            .Where(bar => grid.EndOf(bar, interval) <= now)
            .ToList();
}
