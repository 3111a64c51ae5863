using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using NodaTime;

namespace Akka.Collector.Actors.Protocol;

/// <summary>
/// Why a piece of queued work exists. One item may exist for several reasons at once (a gap
/// fill merged into an operator's forced collection), and runs at the priority of the most
/// urgent of them.
/// </summary>
[Flags]
public enum WorkKinds : byte
{
    None = 0,
    GapFill = 1,
    History = 2,
    Onboarding = 4,
    Forced = 8,
}

/// <summary>How urgent work is: forced &gt; onboarding and chart history &gt; gap fill.</summary>
public static class WorkPriority
{
    public static int Of(WorkKinds kinds) =>
        kinds.HasFlag(WorkKinds.Forced) ? 3
        : kinds.HasFlag(WorkKinds.Onboarding) || kinds.HasFlag(WorkKinds.History) ? 2
        : kinds.HasFlag(WorkKinds.GapFill) ? 1
        : 0;

    public static string Name(WorkKinds kinds) =>
        Of(kinds) switch
        {
            3 => "forced",
            2 => kinds.HasFlag(WorkKinds.Onboarding) ? "onboarding" : "history",
            1 => "gap-fill",
            _ => "none",
        };
}

/// <param name="Id">Unique within the queue's life; a merge keeps the older id.</param>
/// <param name="NotBefore">After a failure, the market time the item may run again.</param>
public sealed record WorkItem(
    long Id,
    Symbol Symbol,
    BarInterval Interval,
    TimeRange Range,
    WorkKinds Kinds,
    int Attempts,
    Instant? NotBefore,
    string? LastFailure);

/// <summary>A range a vendor kept answering with data that failed validation.</summary>
/// <param name="RetryAt">The market time one more try is allowed; never a loop.</param>
public sealed record QuarantinedRange(
    Symbol Symbol, BarInterval Interval, TimeRange Range, string Reason, int Tries,
    Instant RetryAt);

/// <summary>A symbol on its way into the universe.</summary>
/// <param name="Pending">Intervals not yet backfilled; 1m first, as the vendor check.</param>
/// <param name="Checked">The vendor answered bars for it: it exists.</param>
/// <param name="First">The interval a chart asked for: backfilled right after the check.</param>
public sealed record Onboarding(
    Symbol Symbol, BarInterval First, IReadOnlyList<BarInterval> Pending, bool Checked,
    Instant StartedAt);

/// <summary>What the cluster's one collection queue is asked, answers and journals.</summary>
public static class QueueProtocol
{
    // ---- questions ----

    /// <summary>
    /// The universe, unless the asker already holds <paramref name="KnownVersion"/>.
    /// </summary>
    public sealed record GetUniverse(long KnownVersion) : ICollectorMessage;

    /// <param name="Symbols">Null when the asker's version is current.</param>
    public sealed record Universe(long Version, IReadOnlyList<Symbol>? Symbols)
        : ICollectorMessage;

    /// <summary>
    /// Bring a symbol into the universe. A chart's request (<paramref name="Forced"/> false)
    /// is capped per client and overall; an operator's is not. Answered at once when the
    /// answer is known (in the universe, unknown, capped); otherwise when
    /// <paramref name="First"/> is collected, or as Pending once <paramref name="Hold"/>
    /// (real time) has passed.
    /// </summary>
    /// <param name="First">The interval to backfill right after the vendor check.</param>
    public sealed record Onboard(
        Symbol Symbol, BarInterval First, string Client, bool Forced, TimeSpan Hold)
        : ICollectorMessage;

    /// <param name="RetryAfter">For a capped request: when to ask again (real time).</param>
    public sealed record OnboardState(
        Symbol Symbol, OnboardOutcome Outcome, TimeSpan? RetryAfter, string? Detail)
        : ICollectorMessage;

    public sealed record RemoveSymbol(Symbol Symbol) : ICollectorMessage;

    public sealed record SymbolRemoved(Symbol Symbol, bool Removed) : ICollectorMessage;

    /// <summary>Queue ranges to fill. Ranges inside a live quarantine are skipped.</summary>
    public sealed record Enqueue(IReadOnlyList<WorkRequest> Requests) : ICollectorMessage;

    public sealed record WorkRequest(
        Symbol Symbol, BarInterval Interval, TimeRange Range, WorkKinds Kinds);

    /// <summary>
    /// An operator's collection: one symbol or (null) the whole universe, over a range or
    /// (null) the session in progress up to its latest closed bar.
    /// </summary>
    public sealed record CollectNow(Symbol? Symbol, BarInterval Interval, TimeRange? Range)
        : ICollectorMessage;

    public sealed record Enqueued(int Accepted, int Skipped) : ICollectorMessage;

    public sealed record GetQueue(int Limit) : ICollectorMessage;

    public sealed record QueueView(
        int Depth,
        IReadOnlyList<WorkItem> Running,
        IReadOnlyList<WorkItem> Queued,
        IReadOnlyList<Onboarding> Onboarding,
        IReadOnlyList<QuarantinedRange> Quarantined) : ICollectorMessage;

    // ---- events, journaled by the queue ----

    public sealed record UniverseSeeded(IReadOnlyList<Symbol> Symbols) : ICollectorMessage;

    public sealed record SymbolJoined(Symbol Symbol) : ICollectorMessage;

    public sealed record SymbolLeft(Symbol Symbol) : ICollectorMessage;

    public sealed record OnboardingBegun(Symbol Symbol, BarInterval First, Instant At)
        : ICollectorMessage;

    public sealed record SymbolRejected(Symbol Symbol, string Reason, Instant At)
        : ICollectorMessage;

    /// <summary>The item as it now stands (added, or merged into one already queued).</summary>
    public sealed record WorkAdded(WorkItem Item) : ICollectorMessage;

    public sealed record WorkFinished(long Id, int Bars) : ICollectorMessage;

    public sealed record WorkDeferred(long Id, Instant NotBefore, string Reason)
        : ICollectorMessage;

    public sealed record WorkQuarantined(long Id, QuarantinedRange Range) : ICollectorMessage;

    /// <summary>Everything the queue holds, so recovery need not replay every event.</summary>
    public sealed record QueueSnapshot(
        IReadOnlyList<Symbol> Universe,
        bool Seeded,
        long NextId,
        IReadOnlyList<WorkItem> Work,
        IReadOnlyList<Onboarding> Onboarding,
        IReadOnlyList<QuarantinedRange> Quarantined,
        IReadOnlyList<RejectedSymbol> Rejected) : ICollectorMessage;

    public sealed record RejectedSymbol(Symbol Symbol, string Reason, Instant At);
}

public enum OnboardOutcome : byte
{
    /// <summary>Already collected by every round.</summary>
    InUniverse = 1,

    /// <summary>Being checked and backfilled; poll again.</summary>
    Pending = 2,

    /// <summary>The asked interval is collected (the rest may still be backfilling).</summary>
    Ready = 3,

    /// <summary>The vendor has no bars for it: unknown or delisted.</summary>
    Unknown = 4,

    /// <summary>Too many onboardings at once, or from this client: ask again later.</summary>
    Capped = 5,

    /// <summary>
    /// The vendor failed the backfill the asker waits for; Detail is "Kind: reason". The
    /// queue retries it after its back-off.
    /// </summary>
    Failed = 6,
}

/// <summary>What the gap filler is asked.</summary>
public static class GapProtocol
{
    public sealed record GetGaps(int Limit) : ICollectorMessage;

    /// <param name="FirstSeen">The market time a pass first found it.</param>
    public sealed record OpenGap(
        Symbol Symbol, BarInterval Interval, TimeRange Range, Instant FirstSeen);

    /// <param name="Total">Open gaps in all; <paramref name="Open"/> holds up to the limit,
    /// oldest first.</param>
    public sealed record Gaps(int Total, IReadOnlyList<OpenGap> Open, Instant? LastPass)
        : ICollectorMessage;
}
