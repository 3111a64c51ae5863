using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using NodaTime;

namespace Akka.Collector.Store;

/// <summary>
/// The store's reads as linq2db queries, one definition for every engine: the SQLite and
/// PostgreSQL stores hand in a connection of their own and get the same answers.
/// </summary>
internal static class StoreQueries
{
    /// <summary>Bars in [from, to), the newest <paramref name="limit"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<Candle>> ReadAsync(
        DataConnection db, Symbol symbol, BarInterval interval, long fromMs, long toMs,
        int limit, CancellationToken cancellationToken)
    {
        var name = interval.Name;

        // Newest first so LIMIT keeps the newest bars; the reply is then turned oldest first.
        var newestFirst = await db.GetTable<CandleRow>()
            .Where(r => r.Symbol == symbol.Value && r.Interval == name
                && r.StartMs >= fromMs && r.StartMs < toMs)
            .OrderByDescending(r => r.StartMs)
            .Take(limit)
            .ToListAsync(cancellationToken);

        var oldestFirst = new Candle[newestFirst.Count];
        for (var i = 0; i < newestFirst.Count; i++)
            oldestFirst[^(i + 1)] = RowMapping.ToCandle(newestFirst[i]);

        return oldestFirst;
    }

    public static async Task<Candle?> ReadNewestAsync(
        DataConnection db, Symbol symbol, BarInterval interval,
        CancellationToken cancellationToken)
    {
        var name = interval.Name;
        var newest = await db.GetTable<CandleRow>()
            .Where(r => r.Symbol == symbol.Value && r.Interval == name)
            .OrderByDescending(r => r.StartMs)
            .FirstOrDefaultAsync(cancellationToken);

        return newest is null ? null : RowMapping.ToCandle(newest);
    }

    public static async Task<IReadOnlyDictionary<BarInterval, Instant>> ReadWatermarksAsync(
        DataConnection db, Symbol symbol, CancellationToken cancellationToken)
    {
        var ends = await db.GetTable<CoverageRow>()
            .Where(r => r.Symbol == symbol.Value)
            .GroupBy(r => r.Interval)
            .Select(g => new { Interval = g.Key, ToMs = g.Max(r => r.ToMs) })
            .ToListAsync(cancellationToken);

        // A name this build does not know (written by a newer one, or by hand) is skipped,
        // so one odd row cannot stop a symbol's collection.
        var watermarks = new Dictionary<BarInterval, Instant>();
        foreach (var end in ends)
        {
            if (BarInterval.TryParse(end.Interval, out var interval, out _)
                && interval.Name == end.Interval)
                watermarks[interval] = RowMapping.ToInstant(end.ToMs);
        }

        return watermarks;
    }

    // Symbols named in one IN list: far below SQLite's bound on a statement's parameters.
    private const int SymbolsPerQuery = 500;

    public static async Task<IReadOnlyDictionary<Symbol, IReadOnlyList<TimeRange>>>
        ReadCoverageAsync(
            DataConnection db, IReadOnlyCollection<Symbol> symbols, BarInterval interval,
            CancellationToken cancellationToken)
    {
        var name = interval.Name;
        var coverage = new Dictionary<Symbol, IReadOnlyList<TimeRange>>();
        foreach (var chunk in symbols.Chunk(SymbolsPerQuery))
        {
            var byName = chunk.DistinctBy(s => s.Value).ToDictionary(s => s.Value);
            var names = byName.Keys.ToList();
            var rows = await db.GetTable<CoverageRow>()
                .Where(r => r.Interval == name && names.Contains(r.Symbol))
                .OrderBy(r => r.Symbol).ThenBy(r => r.FromMs)
                .ToListAsync(cancellationToken);

            foreach (var one in rows.GroupBy(r => r.Symbol))
                coverage[byName[one.Key]] = CoverageMerge.Join(one);
        }

        return coverage;
    }

    public static async Task<IReadOnlyList<TimeRange>> ReadCoverageAsync(
        DataConnection db, Symbol symbol, BarInterval interval,
        CancellationToken cancellationToken)
    {
        var name = interval.Name;
        var rows = await db.GetTable<CoverageRow>()
            .Where(r => r.Symbol == symbol.Value && r.Interval == name)
            .OrderBy(r => r.FromMs)
            .ToListAsync(cancellationToken);

        return CoverageMerge.Join(rows);
    }
}
