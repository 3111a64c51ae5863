using static Akka.Collector.Actors.Protocol.QueueProtocol;

namespace Akka.Collector.Actors.Protocol;

/// <summary>
/// Codecs of the collection queue's messages and journaled events (see
/// <see cref="ProtocolCodecs"/>: manifests and field orders never change once shipped).
/// They joined in format 2, as new manifests.
/// </summary>
internal static class QueueCodecs
{
    public static readonly Codec[] All =
    [
        Codec.Of<GetUniverse>("qu.get-universe", (w, m) => w.Long(m.KnownVersion),
            r => new(r.Long())),
        Codec.Of<Universe>("qu.universe",
            (w, m) =>
            {
                w.Long(m.Version);
                w.Optional(m.Symbols, s => w.List(s, w.Symbol));
            },
            r => new(r.Long(), r.OptionalClass(() => r.List(r.Symbol)))),
        Codec.Of<Onboard>("qu.onboard",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.First);
                w.Text(m.Client);
                w.Bool(m.Forced);
                w.TimeSpan(m.Hold);
            },
            r => new(r.Symbol(), r.Interval(), r.Text(), r.Bool(), r.TimeSpan())),
        Codec.Of<OnboardState>("qu.onboard-state",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Byte((byte)m.Outcome);
                w.Optional(m.RetryAfter, w.TimeSpan);
                w.Optional(m.Detail, w.Text);
            },
            r => new(r.Symbol(), ReadOutcome(r), r.Optional(r.TimeSpan),
                r.OptionalClass(r.Text))),
        Codec.Of<RemoveSymbol>("qu.remove-symbol", (w, m) => w.Symbol(m.Symbol),
            r => new(r.Symbol())),
        Codec.Of<SymbolRemoved>("qu.symbol-removed",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Bool(m.Removed);
            },
            r => new(r.Symbol(), r.Bool())),
        Codec.Of<Enqueue>("qu.enqueue", (w, m) => w.List(m.Requests, q => WriteRequest(w, q)),
            r => new(r.List(() => ReadRequest(r)))),
        Codec.Of<CollectNow>("qu.collect-now",
            (w, m) =>
            {
                w.Optional(m.Symbol, w.Symbol);
                w.Interval(m.Interval);
                w.Optional(m.Range, w.Range);
            },
            r => new(r.Optional(r.Symbol), r.Interval(), r.Optional(r.Range))),
        Codec.Of<Enqueued>("qu.enqueued",
            (w, m) =>
            {
                w.Int(m.Accepted);
                w.Int(m.Skipped);
            },
            r => new(r.Int(), r.Int())),
        Codec.Of<GetQueue>("qu.get-queue", (w, m) => w.Int(m.Limit), r => new(r.Int())),
        Codec.Of<QueueView>("qu.view",
            (w, m) =>
            {
                w.Int(m.Depth);
                w.List(m.Running, i => WriteItem(w, i));
                w.List(m.Queued, i => WriteItem(w, i));
                w.List(m.Onboarding, o => WriteOnboarding(w, o));
                w.List(m.Quarantined, q => WriteQuarantined(w, q));
            },
            r => new(r.Int(), r.List(() => ReadItem(r)), r.List(() => ReadItem(r)),
                r.List(() => ReadOnboarding(r)), r.List(() => ReadQuarantined(r)))),

        Codec.Of<UniverseSeeded>("qe.universe-seeded", (w, m) => w.List(m.Symbols, w.Symbol),
            r => new(r.List(r.Symbol))),
        Codec.Of<SymbolJoined>("qe.symbol-joined", (w, m) => w.Symbol(m.Symbol),
            r => new(r.Symbol())),
        Codec.Of<SymbolLeft>("qe.symbol-left", (w, m) => w.Symbol(m.Symbol),
            r => new(r.Symbol())),
        Codec.Of<OnboardingBegun>("qe.onboarding-begun",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Interval(m.First);
                w.Instant(m.At);
            },
            r => new(r.Symbol(), r.Interval(), r.Instant())),
        Codec.Of<SymbolRejected>("qe.symbol-rejected",
            (w, m) =>
            {
                w.Symbol(m.Symbol);
                w.Text(m.Reason);
                w.Instant(m.At);
            },
            r => new(r.Symbol(), r.Text(), r.Instant())),
        Codec.Of<WorkAdded>("qe.work-added", (w, m) => WriteItem(w, m.Item),
            r => new(ReadItem(r))),
        Codec.Of<WorkFinished>("qe.work-finished",
            (w, m) =>
            {
                w.Long(m.Id);
                w.Int(m.Bars);
            },
            r => new(r.Long(), r.Int())),
        Codec.Of<WorkDeferred>("qe.work-deferred",
            (w, m) =>
            {
                w.Long(m.Id);
                w.Instant(m.NotBefore);
                w.Text(m.Reason);
            },
            r => new(r.Long(), r.Instant(), r.Text())),
        Codec.Of<WorkQuarantined>("qe.work-quarantined",
            (w, m) =>
            {
                w.Long(m.Id);
                WriteQuarantined(w, m.Range);
            },
            r => new(r.Long(), ReadQuarantined(r))),
        Codec.Of<QueueSnapshot>("qe.snapshot",
            (w, m) =>
            {
                w.List(m.Universe, w.Symbol);
                w.Bool(m.Seeded);
                w.Long(m.NextId);
                w.List(m.Work, i => WriteItem(w, i));
                w.List(m.Onboarding, o => WriteOnboarding(w, o));
                w.List(m.Quarantined, q => WriteQuarantined(w, q));
                w.List(m.Rejected, x =>
                {
                    w.Symbol(x.Symbol);
                    w.Text(x.Reason);
                    w.Instant(x.At);
                });
            },
            r => new(r.List(r.Symbol), r.Bool(), r.Long(), r.List(() => ReadItem(r)),
                r.List(() => ReadOnboarding(r)), r.List(() => ReadQuarantined(r)),
                r.List(() => new RejectedSymbol(r.Symbol(), r.Text(), r.Instant())))),

        Codec.Of<GapProtocol.GetGaps>("ga.get-gaps", (w, m) => w.Int(m.Limit),
            r => new(r.Int())),
        Codec.Of<GapProtocol.Gaps>("ga.gaps",
            (w, m) =>
            {
                w.Int(m.Total);
                w.List(m.Open, g =>
                {
                    w.Symbol(g.Symbol);
                    w.Interval(g.Interval);
                    w.Range(g.Range);
                    w.Instant(g.FirstSeen);
                });
                w.Optional(m.LastPass, w.Instant);
            },
            r => new(r.Int(),
                r.List(() => new GapProtocol.OpenGap(
                    r.Symbol(), r.Interval(), r.Range(), r.Instant())),
                r.Optional(r.Instant))),
    ];

    private static void WriteItem(ProtocolWriter w, WorkItem m)
    {
        w.Long(m.Id);
        w.Symbol(m.Symbol);
        w.Interval(m.Interval);
        w.Range(m.Range);
        w.Byte((byte)m.Kinds);
        w.Int(m.Attempts);
        w.Optional(m.NotBefore, w.Instant);
        w.Optional(m.LastFailure, w.Text);
    }

    private static WorkItem ReadItem(ProtocolReader r) => new(
        r.Long(), r.Symbol(), r.Interval(), r.Range(), ReadKinds(r), r.Int(),
        r.Optional(r.Instant), r.OptionalClass(r.Text));

    private static void WriteRequest(ProtocolWriter w, WorkRequest m)
    {
        w.Symbol(m.Symbol);
        w.Interval(m.Interval);
        w.Range(m.Range);
        w.Byte((byte)m.Kinds);
    }

    private static WorkRequest ReadRequest(ProtocolReader r) =>
        new(r.Symbol(), r.Interval(), r.Range(), ReadKinds(r));

    private static void WriteOnboarding(ProtocolWriter w, Onboarding m)
    {
        w.Symbol(m.Symbol);
        w.Interval(m.First);
        w.List(m.Pending, w.Interval);
        w.Bool(m.Checked);
        w.Instant(m.StartedAt);
    }

    private static Onboarding ReadOnboarding(ProtocolReader r) =>
        new(r.Symbol(), r.Interval(), r.List(r.Interval), r.Bool(), r.Instant());

    private static void WriteQuarantined(ProtocolWriter w, QuarantinedRange m)
    {
        w.Symbol(m.Symbol);
        w.Interval(m.Interval);
        w.Range(m.Range);
        w.Text(m.Reason);
        w.Int(m.Tries);
        w.Instant(m.RetryAt);
    }

    private static QuarantinedRange ReadQuarantined(ProtocolReader r) =>
        new(r.Symbol(), r.Interval(), r.Range(), r.Text(), r.Int(), r.Instant());

    private static WorkKinds ReadKinds(ProtocolReader r)
    {
        var value = r.Byte();
        const WorkKinds known = WorkKinds.GapFill | WorkKinds.History | WorkKinds.Onboarding
            | WorkKinds.Forced;
        return (value & ~(int)known) == 0
            ? (WorkKinds)value
            : throw new FormatException($"unknown work kinds {value}");
    }

    private static OnboardOutcome ReadOutcome(ProtocolReader r)
    {
        var value = (OnboardOutcome)r.Byte();
        return Enum.IsDefined(value)
            ? value
            : throw new FormatException($"unknown onboarding outcome {(byte)value}");
    }
}
