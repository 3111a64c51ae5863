using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Actors.Protocol;

/// <summary>Questions for an interval collector and the events it publishes.</summary>
public static class IntervalProtocol
{
    public sealed record GetStatus(BarInterval Interval) : ICollectorMessage;

    /// <summary>
    /// The vendor budget can (no longer) pay for this interval's scheduled rounds: stop them,
    /// or start them again. Sent by every node's budget keeper when its capacity plan
    /// changes; idempotent, so the copies from several nodes agree.
    /// </summary>
    /// <param name="Why">For the log: the plan that decided it.</param>
    public sealed record SetDegraded(BarInterval Interval, bool Degraded, string Why)
        : ICollectorMessage;

    /// <summary>One finished round: what it aimed at and how it went.</summary>
    /// <param name="Failures">
    /// Null when every symbol was collected; else how many failed of how many, by kind, and
    /// the last reason: "3 of 40 symbols failed: RateLimited; last: 429 too many requests".
    /// </param>
    public sealed record RoundReport(
        BarInterval Interval,
        long RoundId,
        Instant UpTo,
        Instant StartedAt,
        Instant EndedAt,
        int SymbolsDone,
        int SymbolsFailed,
        bool TimedOut,
        string? Failures = null) : ICollectorMessage
    {
        public Duration Duration => EndedAt - StartedAt;
    }

    /// <param name="LastRound">The newest finished round, null before the first ends.</param>
    /// <param name="RunningSince">Start of the round in progress, if one is.</param>
    /// <param name="TicksCoalesced">Ticks that arrived during a round, folded into the
    /// next.</param>
    /// <param name="NextTickAt">When the next round is due, null when none is scheduled.</param>
    /// <param name="Problem">Why rounds cannot be scheduled (a calendar past its data).</param>
    /// <param name="Degraded">Scheduled rounds are off: the vendor budget cannot pay for
    /// them.</param>
    /// <param name="TicksSkipped">Ticks not run as rounds because the interval is degraded.</param>
    /// <param name="CompleteUpTo">
    /// The newest bar end a round reached with every symbol collected; a round with any
    /// failure leaves it where it was. Null until such a round ends (also after a restart or
    /// a singleton hand-over, until the first round). Lag is measured from it.
    /// </param>
    public sealed record Status(
        BarInterval Interval,
        RoundReport? LastRound,
        Instant? RunningSince,
        long RoundsStarted,
        long TicksCoalesced,
        Instant? NextTickAt,
        string? Problem,
        bool Degraded = false,
        long TicksSkipped = 0,
        Instant? CompleteUpTo = null) : ICollectorMessage;
}
