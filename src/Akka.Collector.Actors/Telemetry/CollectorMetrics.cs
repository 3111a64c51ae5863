using System.Diagnostics.Metrics;
using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Actors.Telemetry;

/// <summary>
/// The collector's instruments, on the meter "Akka.Collector". Actors call the methods as
/// things happen; the gauges read values that their feeders store here. One instance per
/// node, made from the node's <see cref="IMeterFactory"/>, which owns the meter and disposes
/// of it with the node's services. The meter's scope is that factory: the gateway's exporter
/// keeps only its own node's instruments by it, so two nodes (or two tests) in one process
/// never count into each other's scrapes.
/// </summary>
/// <remarks>
/// Names follow OpenTelemetry; the Prometheus exporter turns "collector.rounds" into
/// collector_rounds_total and a unit of "s" into a _seconds suffix. Round durations and lag
/// are in market time, as the status API shows them: the same as real time at speed 1.
/// </remarks>
public sealed class CollectorMetrics
{
    public const string MeterName = "Akka.Collector";

    /// <summary>The outcome of a vendor request that brought a reply.</summary>
    public const string Ok = "ok";

    // Rounds take from milliseconds (a 1m round on a fast vendor) to minutes (a backfill).
    private static readonly double[] RoundSeconds =
        [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private readonly Counter<long> _rounds;
    private readonly Histogram<double> _roundDuration;
    private readonly Gauge<double> _roundLag;
    private readonly Counter<long> _symbolsDone;
    private readonly Counter<long> _roundFailures;
    private readonly Counter<long> _ticksCoalesced;
    private readonly Counter<long> _collectsAskedAgain;
    private readonly Counter<long> _vendorRequests;

    // Fed from outside the actors; unknown (-1, null) until a feeder has said anything, so a
    // gauge nobody feeds is absent from the scrape instead of a reassuring 0.
    private long _queueDepth = -1;
    private Gaps? _gaps;

    public CollectorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);

        _rounds = meter.CreateCounter<long>(
            "collector.rounds", "{round}", "Rounds finished, per interval");
        _roundDuration = meter.CreateHistogram<double>(
            "collector.round.duration", "s", "Market time from a round's start to its end",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RoundSeconds });
        _roundLag = meter.CreateGauge<double>(
            "collector.round.lag", "s",
            "When the latest round ended: how far the newest bar end every symbol reached " +
            "lies behind the latest closed bar");
        _symbolsDone = meter.CreateCounter<long>(
            "collector.round.symbols_done", "{symbol}", "Symbols rounds collected");
        _roundFailures = meter.CreateCounter<long>(
            "collector.round.failures", "{symbol}", "Symbols rounds failed, by reason");
        _ticksCoalesced = meter.CreateCounter<long>(
            "collector.ticks.coalesced", "{tick}",
            "Ticks that came while a round ran, folded into one follow-up round");
        _collectsAskedAgain = meter.CreateCounter<long>(
            "collector.round.asked_again", "{symbol}",
            "Symbols a round asked again because they had not answered (a request dropped " +
            "while its shard was handed off, or a slow fetch)");
        _vendorRequests = meter.CreateCounter<long>(
            "collector.vendor.requests", "{request}",
            "Vendor requests by vendor, interval and outcome (ok or the failure kind)");

        meter.CreateObservableGauge(
            "collector.queue.depth", ObserveQueueDepth, "{item}",
            "Work waiting in the collection queue");
        meter.CreateObservableGauge(
            "collector.gaps.open", () => Observe(_gaps?.Open), "{gap}",
            "Coverage gaps known and not yet filled");
        meter.CreateObservableGauge(
            "collector.gaps.quarantined", () => Observe(_gaps?.Quarantined), "{gap}",
            "Gaps the filler gave up on until an operator looks");
        meter.CreateObservableGauge(
            "collector.gap.oldest_age", () => Observe(_gaps?.OldestAgeSeconds), "s",
            "Age of the oldest open gap");
    }

    /// <param name="lagBehindLatestClosed">Null until a round has reached every symbol.</param>
    /// <param name="failuresByReason">Symbols failed in the round, by failure kind.</param>
    public void RoundEnded(
        BarInterval interval, TimeSpan duration, TimeSpan? lagBehindLatestClosed,
        int symbolsDone, IReadOnlyDictionary<string, int> failuresByReason)
    {
        var tag = IntervalTag(interval);
        _rounds.Add(1, tag);
        _roundDuration.Record(duration.TotalSeconds, tag);
        if (lagBehindLatestClosed is { } lag)
            _roundLag.Record(Math.Max(0, lag.TotalSeconds), tag);

        _symbolsDone.Add(symbolsDone, tag);
        foreach (var (reason, count) in failuresByReason)
        {
            _roundFailures.Add(
                count, tag, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void TicksCoalesced(BarInterval interval) =>
        _ticksCoalesced.Add(1, IntervalTag(interval));

    public void CollectsAskedAgain(BarInterval interval, int symbols) =>
        _collectsAskedAgain.Add(symbols, IntervalTag(interval));

    /// <param name="outcome"><see cref="Ok"/> or the failure kind.</param>
    public void VendorRequest(string vendor, BarInterval interval, string outcome) =>
        _vendorRequests.Add(1,
            new KeyValuePair<string, object?>("vendor", vendor),
            IntervalTag(interval),
            new KeyValuePair<string, object?>("outcome", outcome));

    public void SetQueueDepth(long depth) => Interlocked.Exchange(ref _queueDepth, depth);

    public void SetGaps(long open, long quarantined, TimeSpan oldestGapAge) =>
        Volatile.Write(ref _gaps, new Gaps(open, quarantined, oldestGapAge.TotalSeconds));

    /// <summary>The gap filler's open gaps; the quarantined count stays as last set.</summary>
    public void SetOpenGaps(long open, TimeSpan oldestGapAge)
    {
        var before = Volatile.Read(ref _gaps);
        SetGaps(open, before?.Quarantined ?? 0, oldestGapAge);
    }

    /// <summary>The queue's quarantined ranges; the open gaps stay as last set.</summary>
    public void SetQuarantined(long quarantined)
    {
        var before = Volatile.Read(ref _gaps);
        SetGaps(before?.Open ?? 0, quarantined,
            TimeSpan.FromSeconds(before?.OldestAgeSeconds ?? 0));
    }

    private static KeyValuePair<string, object?> IntervalTag(BarInterval interval) =>
        new("interval", interval.Name);

    private IEnumerable<Measurement<long>> ObserveQueueDepth() =>
        Interlocked.Read(ref _queueDepth) is var depth and >= 0 ? [new(depth)] : [];

    private static IEnumerable<Measurement<T>> Observe<T>(T? value) where T : struct =>
        value is { } v ? [new Measurement<T>(v)] : [];

    // One object, so a scrape never reads open gaps from one report and the age from another.
    private sealed record Gaps(long Open, long Quarantined, double OldestAgeSeconds);
}
