using System.Collections.Frozen;

namespace Akka.Collector.Actors.Protocol;

/// <summary>
/// One codec per protocol message: its manifest and its fields in a fixed order. A manifest
/// is stored with every journaled event, so it never changes once shipped; nor does the
/// order of fields within a format (see <see cref="CollectorMessageSerializer"/>).
/// </summary>
/// <remarks>
/// Format 2 appended <c>RoundReport.Failures</c> and <c>Status.CompleteUpTo</c>; format 1
/// payloads of those read back with them null. Every other layout is the same in both.
/// Range fills and the collection queue came later as new messages in format 2.
/// </remarks>
internal static class ProtocolCodecs
{
    private static readonly Codec[] All =
    [
        Codec.Of<IntervalProtocol.GetStatus>("iv.get-status",
            (w, m) => w.Interval(m.Interval),
            r => new(r.Interval())),
        Codec.Of<IntervalProtocol.RoundReport>("iv.round-report", WriteReport, ReadReport),
        Codec.Of<IntervalProtocol.SetDegraded>("iv.set-degraded",
            (w, m) =>
            {
                w.Interval(m.Interval);
                w.Bool(m.Degraded);
                w.Text(m.Why);
            },
            r => new(r.Interval(), r.Bool(), r.Text())),
        Codec.Of<IntervalProtocol.Status>("iv.status",
            (w, m) =>
            {
                w.Interval(m.Interval);
                w.Optional(m.LastRound, r => WriteReport(w, r));
                w.Optional(m.RunningSince, w.Instant);
                w.Long(m.RoundsStarted);
                w.Long(m.TicksCoalesced);
                w.Optional(m.NextTickAt, w.Instant);
                w.Optional(m.Problem, w.Text);
                w.Bool(m.Degraded);
                w.Long(m.TicksSkipped);
                w.Optional(m.CompleteUpTo, w.Instant);
            },
            r => new(
                r.Interval(), r.OptionalClass(() => ReadReport(r)), r.Optional(r.Instant),
                r.Long(), r.Long(), r.Optional(r.Instant), r.OptionalClass(r.Text),
                r.Bool(), r.Long(), r.Format >= 2 ? r.Optional(r.Instant) : null)),

        Codec.Of<SymbolProtocol.Collect>("sy.collect",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.Interval);
                w.Instant(m.UpTo);
                w.Long(m.RoundId);
            },
            r => new(r.Symbol(), r.Interval(), r.Instant(), r.Long())),
        Codec.Of<SymbolProtocol.Collected>("sy.collected",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.Interval);
                w.Instant(m.UpTo);
                w.Long(m.RoundId);
                w.Instant(m.Watermark);
            },
            r => new(r.Symbol(), r.Interval(), r.Instant(), r.Long(), r.Instant())),
        Codec.Of<SymbolProtocol.CollectFailed>("sy.collect-failed",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.Interval);
                w.Instant(m.UpTo);
                w.Long(m.RoundId);
                w.Kind(m.Kind);
                w.Text(m.Reason);
            },
            r => new(r.Symbol(), r.Interval(), r.Instant(), r.Long(), r.Kind(), r.Text())),
        Codec.Of<SymbolProtocol.GetFreshness>("sy.get-freshness",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.Interval);
            },
            r => new(r.Symbol(), r.Interval())),
        Codec.Of<SymbolProtocol.Freshness>("sy.freshness",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.Interval);
                w.Optional(m.Watermark, w.Instant);
                w.Optional(m.InFlightTo, w.Instant);
                w.Optional(m.ExpectedDoneIn, w.TimeSpan);
                w.Optional(m.LastFailure, w.Text);
            },
            r => new(
                r.Symbol(), r.Interval(), r.Optional(r.Instant), r.Optional(r.Instant),
                r.Optional(r.TimeSpan), r.OptionalClass(r.Text))),

        Codec.Of<UpstreamProtocol.FetchBars>("up.fetch-bars",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.Interval);
                w.Range(m.Range);
                w.Bool(m.Backfill);
            },
            r => new(r.Symbol(), r.Interval(), r.Range(), r.Bool())),
        Codec.Of<UpstreamProtocol.BarsStored>("up.bars-stored",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.Interval);
                w.Range(m.Range);
                w.Int(m.Stored);
            },
            r => new(r.Symbol(), r.Interval(), r.Range(), r.Int())),
        Codec.Of<UpstreamProtocol.FetchFailed>("up.fetch-failed",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.Interval);
                w.Range(m.Range);
                w.Kind(m.Kind);
                w.Text(m.Reason);
            },
            r => new(r.Symbol(), r.Interval(), r.Range(), r.Kind(), r.Text())),

        Codec.Of<SymbolProtocol.FillRange>("sy.fill-range",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.Interval);
                w.Range(m.Range);
                w.Long(m.WorkId);
            },
            r => new(r.Symbol(), r.Interval(), r.Range(), r.Long())),
        Codec.Of<SymbolProtocol.RangeFilled>("sy.range-filled",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.Interval);
                w.Range(m.Range);
                w.Long(m.WorkId);
                w.Int(m.Bars);
            },
            r => new(r.Symbol(), r.Interval(), r.Range(), r.Long(), r.Int())),
        Codec.Of<SymbolProtocol.RangeFailed>("sy.range-failed",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.Interval);
                w.Range(m.Range);
                w.Long(m.WorkId);
                w.Kind(m.Kind);
                w.Text(m.Reason);
            },
            r => new(r.Symbol(), r.Interval(), r.Range(), r.Long(), r.Kind(), r.Text())),

        .. QueueCodecs.All,
    ];

    public static FrozenDictionary<Type, Codec> ByType { get; } =
        All.ToFrozenDictionary(c => c.Type);

    public static FrozenDictionary<string, Codec> ByManifest { get; } =
        All.ToFrozenDictionary(c => c.Manifest, StringComparer.Ordinal);

    private static void WriteReport(ProtocolWriter w, IntervalProtocol.RoundReport m)
    {
        w.Interval(m.Interval);
        w.Long(m.RoundId);
        w.Instant(m.UpTo);
        w.Instant(m.StartedAt);
        w.Instant(m.EndedAt);
        w.Int(m.SymbolsDone);
        w.Int(m.SymbolsFailed);
        w.Bool(m.TimedOut);
        w.Optional(m.Failures, w.Text);
    }

    private static IntervalProtocol.RoundReport ReadReport(ProtocolReader r) => new(
        r.Interval(), r.Long(), r.Instant(), r.Instant(), r.Instant(), r.Int(), r.Int(), r.Bool(),
        r.Format >= 2 ? r.OptionalClass(r.Text) : null);
}

/// <summary>How one message type is written and read.</summary>
internal sealed record Codec(
    Type Type,
    string Manifest,
    Action<ProtocolWriter, object> Write,
    Func<ProtocolReader, object> Read)
{
    public static Codec Of<T>(
        string manifest, Action<ProtocolWriter, T> write, Func<ProtocolReader, T> read)
        where T : ICollectorMessage =>
        new(typeof(T), manifest, (w, m) => write(w, (T)m), r => read(r));
}
