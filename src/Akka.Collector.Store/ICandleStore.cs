using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using NodaTime;

namespace Akka.Collector.Store;

/// <summary>
/// Candles and the time ranges that were fetched for them. Writes are idempotent upserts keyed
/// by (symbol, interval, start); a covered range with no bars records that nothing traded.
/// </summary>
public interface ICandleStore
{
    /// <summary>Creates or migrates the schema. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records which data source fills this store, the first time; afterwards returns the one
    /// recorded, so a node can refuse to mix two sources' bars in one file.
    /// </summary>
    Task<string> ClaimSourceAsync(string source, CancellationToken cancellationToken);

    /// <summary>Stores a batch in one transaction: bars upserted, covered ranges merged
    /// in.</summary>
    Task WriteAsync(IReadOnlyList<CandleWrite> writes, CancellationToken cancellationToken);

    /// <summary>
    /// Bars with start in [from, to), the newest <paramref name="limit"/> of them, oldest first.
    /// </summary>
    Task<IReadOnlyList<Candle>> ReadAsync(
        Symbol symbol, BarInterval interval, Instant from, Instant to, int limit,
        CancellationToken cancellationToken);

    /// <summary>The newest stored bar, if any.</summary>
    Task<Candle?> ReadNewestAsync(
        Symbol symbol, BarInterval interval, CancellationToken cancellationToken);

    /// <summary>Per interval, the end of the newest covered range of this symbol.</summary>
    Task<IReadOnlyDictionary<BarInterval, Instant>> ReadWatermarksAsync(
        Symbol symbol, CancellationToken cancellationToken);

    /// <summary>Covered ranges of one symbol and interval, merged and ordered.</summary>
    Task<IReadOnlyList<TimeRange>> ReadCoverageAsync(
        Symbol symbol, BarInterval interval, CancellationToken cancellationToken);

    /// <summary>
    /// Covered ranges of many symbols for one interval, merged and ordered per symbol; a
    /// symbol with none is absent. The stores answer in a few queries, not one per symbol,
    /// so a gap filler's pass over a large universe stays light beside the rounds.
    /// </summary>
    async Task<IReadOnlyDictionary<Symbol, IReadOnlyList<TimeRange>>> ReadCoverageAsync(
        IReadOnlyCollection<Symbol> symbols, BarInterval interval,
        CancellationToken cancellationToken)
    {
        var coverage = new Dictionary<Symbol, IReadOnlyList<TimeRange>>();
        foreach (var symbol in symbols)
        {
            var ranges = await ReadCoverageAsync(symbol, interval, cancellationToken);
            if (ranges.Count > 0)
                coverage[symbol] = ranges;
        }

        return coverage;
    }

    /// <summary>
    /// Retention: deletes every symbol's bars of <paramref name="interval"/> that start before
    /// <paramref name="before"/>, and cuts that interval's covered ranges at it (a range that
    /// ends at or before it goes, one that spans it then starts at it), so the gap arithmetic
    /// sees the pruned time as never fetched. One transaction; returns the bars deleted.
    /// </summary>
    Task<long> PruneAsync(
        BarInterval interval, Instant before, CancellationToken cancellationToken);
}

/// <summary>One symbol's bars for one interval plus the range the fetch covered.</summary>
public sealed record CandleWrite(
    Symbol Symbol, BarInterval Interval, TimeRange Covered, IReadOnlyList<Candle> Bars);
