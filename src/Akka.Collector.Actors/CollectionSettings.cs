using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using NodaTime;

namespace Akka.Collector.Actors;

/// <summary>
/// How the actors collect. Durations marked "market" run on the market clock (virtual in
/// tests, scaled in a fast demo); the node scales them by the clock's speed so a configured
/// 20 s timeout stays 20 s of real time.
/// </summary>
public sealed record CollectionSettings
{
    /// <summary>Symbols every round collects.</summary>
    public required IReadOnlyList<Symbol> Universe { get; init; }

    /// <summary>Market time after a bar's close before its round starts (vendors settle).</summary>
    public Duration SettleDelay { get; init; } = Duration.FromSeconds(5);

    /// <summary>Market time after a bar's close before the gateway calls it final.</summary>
    public Duration FinalGrace { get; init; } = Duration.FromSeconds(5);

    /// <summary>Sessions of history a symbol gets on its first collection, per interval.</summary>
    public required IReadOnlyDictionary<BarInterval, int> BackfillSessions { get; init; }

    /// <summary>Market time one vendor request may take before it is abandoned.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Bars before the watermark each round fetches again, so a vendor's restatement after
    /// late trades replaces the stored bar. 0 turns corrections off.
    /// </summary>
    public int CorrectionBars { get; init; } = 2;

    /// <summary>Real time one store write may take.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Vendor requests in flight per interval per node; intervals never share
    /// slots.</summary>
    public int ConcurrencyPerInterval { get; init; } = 2;

    /// <summary>Real time the batcher waits to merge entities' fetches into one request.</summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Shards of the symbol region: about ten per node the cluster will ever
    /// run.</summary>
    public int Shards { get; init; } = 100;

    /// <summary>
    /// Market time a round may run before its unanswered symbols count as failed. Capped at
    /// the interval width, so a round never outlives the next bar of its own interval.
    /// </summary>
    public Duration RoundTimeout { get; init; } = Duration.FromMinutes(5);

    public Duration RoundTimeoutFor(BarInterval interval) =>
        interval.IsDaily ? RoundTimeout : Duration.Min(RoundTimeout, interval.Width);

    /// <summary>
    /// Real time a round (or a running queue item) waits for a symbol before asking it again;
    /// each further ask waits twice as long, until it is answered or ends. Cluster sharding
    /// delivers at most once: a request that meets its shard being handed off (a rebalance,
    /// a node joining or leaving) or its entity being stopped is dropped without an answer.
    /// Real time, because that is the time a hand-off takes, also on a fast, slow or stopped
    /// market clock.
    /// </summary>
    public TimeSpan CollectRetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The request timeout for one interval: at most half its width, so a hung 1m call is
    /// abandoned well before the next minute's round needs the symbol again.
    /// </summary>
    public TimeSpan RequestTimeoutFor(BarInterval interval) =>
        interval.IsDaily
            ? RequestTimeout
            : TimeSpan.FromTicks(
                Math.Min(RequestTimeout.Ticks, (interval.Width / 2).BclCompatibleTicks));

    /// <summary>
    /// What one fetch step of an interval is expected to take before any has been measured
    /// (a symbol's first fetch, its backfill): a quarter of the request timeout. It feeds the
    /// Retry-After of a chart that waits for that fetch, together with the number of steps.
    /// </summary>
    public TimeSpan FirstStepEstimateFor(BarInterval interval) => RequestTimeoutFor(interval) / 4;

    /// <summary>Sessions one fetch may span, per interval; longer gaps go in several
    /// steps.</summary>
    public IReadOnlyDictionary<BarInterval, int> SessionsPerFetch { get; init; } =
        DefaultSessionsPerFetch;

    public int SessionsPerFetchFor(BarInterval interval) =>
        SessionsPerFetch.TryGetValue(interval, out var n) ? n : 5;

    // Steps of at most about two thousand bars a symbol for 1m .. 4h; a year of 1d.
    public static IReadOnlyDictionary<BarInterval, int> DefaultSessionsPerFetch { get; } =
        ByInterval(5, 10, 20, 40, 60, 60, 60, 60, 250);

    /// <summary>
    /// How far back a chart may ask for history that is not stored, per interval in
    /// sessions: such a request queues the missing range. Older is refused as not kept.
    /// </summary>
    public IReadOnlyDictionary<BarInterval, int> HistorySessions { get; init; } = DefaultHistory;

    public int HistorySessionsFor(BarInterval interval) =>
        Math.Max(HistorySessions.TryGetValue(interval, out var n) ? n : 0,
            BackfillSessionsFor(interval));

    // Six weeks of 1m, two years of 30m, five years of hours, twenty years of days.
    public static IReadOnlyDictionary<BarInterval, int> DefaultHistory { get; } =
        ByInterval(30, 60, 120, 250, 500, 1260, 1260, 1260, 5040);

    public int BackfillSessionsFor(BarInterval interval) =>
        BackfillSessions.TryGetValue(interval, out var n) ? n : 1;

    // A useful chart on first sight: a week of 1m, a year of hours, five years of days.
    public static IReadOnlyDictionary<BarInterval, int> DefaultBackfill { get; } =
        ByInterval(5, 10, 20, 40, 60, 250, 250, 250, 1260);

    /// <summary>One value per interval, given finest first (1m, 2m, ... 1d).</summary>
    private static Dictionary<BarInterval, int> ByInterval(params int[] finestFirst) =>
        BarInterval.All.Zip(finestFirst).ToDictionary(p => p.First, p => p.Second);
}
