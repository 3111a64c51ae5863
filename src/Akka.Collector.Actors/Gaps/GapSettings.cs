using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Actors.Gaps;

/// <summary>How the gap filler looks for gaps and how long bars are kept.</summary>
public sealed record GapSettings
{
    /// <summary>Market time between passes; the first runs this long after start, so the
    /// first rounds go ahead of it.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Symbols one pass reads coverage for; a large universe takes several
    /// passes, round robin, so one pass never floods the store.</summary>
    public int SymbolsPerPass { get; init; } = 1000;

    /// <summary>Sessions back a pass looks, per interval (default: the backfill depth, so a
    /// gap filler never reaches past what onboarding fetched).</summary>
    public IReadOnlyDictionary<BarInterval, int> LookBackSessions { get; init; } =
        new Dictionary<BarInterval, int>();

    /// <summary>Sessions of bars kept per interval; absent or 0: kept for ever. Older bars
    /// are pruned each pass, and pruned ranges are not gaps.</summary>
    public IReadOnlyDictionary<BarInterval, int> RetentionSessions { get; init; } =
        new Dictionary<BarInterval, int>();

    public int LookBackFor(BarInterval interval, CollectionSettings collection) =>
        LookBackSessions.TryGetValue(interval, out var n) && n > 0
            ? n
            : collection.BackfillSessionsFor(interval);

    public int? RetentionFor(BarInterval interval) =>
        RetentionSessions.TryGetValue(interval, out var n) && n > 0 ? n : null;
}
