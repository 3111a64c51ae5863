using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors;
using NodaTime;

namespace Akka.Collector.Actors.Protocol;

/// <summary>Messages routed to a symbol's entity by the symbol shard region.</summary>
public interface IWithSymbol
{
    Symbol Symbol { get; }
}

/// <summary>What a symbol entity is asked and what it answers.</summary>
public static class SymbolProtocol
{
    /// <summary>
    /// Make the stored bars of one interval reach <paramref name="UpTo"/> (a bar end). Sent by
    /// interval rounds (RoundId &gt; 0) and by the gateway for a stale chart (RoundId 0).
    /// </summary>
    public sealed record Collect(Symbol Symbol, BarInterval Interval, Instant UpTo, long RoundId)
        : ICollectorMessage, IWithSymbol;

    /// <summary>The stored bars now reach at least <paramref name="UpTo"/>.</summary>
    public sealed record Collected(
        Symbol Symbol, BarInterval Interval, Instant UpTo, long RoundId, Instant Watermark)
        : ICollectorMessage;

    /// <summary>The fetch for this request failed; nothing was stored for it.</summary>
    public sealed record CollectFailed(
        Symbol Symbol, BarInterval Interval, Instant UpTo, long RoundId, FailureKind Kind,
        string Reason) : ICollectorMessage;

    /// <summary>Asks how far one interval of a symbol is collected and what is in flight.</summary>
    public sealed record GetFreshness(Symbol Symbol, BarInterval Interval)
        : ICollectorMessage, IWithSymbol;

    /// <param name="Watermark">End of the newest fetched range, null if never fetched.</param>
    /// <param name="InFlightTo">Where the fetch in flight will reach, null if none.</param>
    /// <param name="ExpectedDoneIn">Estimated time until that fetch answers.</param>
    /// <param name="LastFailure">Why the last fetch failed, if it did.</param>
    public sealed record Freshness(
        Symbol Symbol,
        BarInterval Interval,
        Instant? Watermark,
        Instant? InFlightTo,
        TimeSpan? ExpectedDoneIn,
        string? LastFailure) : ICollectorMessage;

    /// <summary>
    /// Fetch and store a given range, whatever is stored or covered already: queued work
    /// (onboarding, chart history, gap fills, forced collections). Goes in bounded steps,
    /// behind scheduled rounds. Answered with <see cref="RangeFilled"/> or
    /// <see cref="RangeFailed"/>.
    /// </summary>
    public sealed record FillRange(
        Symbol Symbol, BarInterval Interval, TimeRange Range, long WorkId)
        : ICollectorMessage, IWithSymbol;

    /// <param name="Bars">Bars the vendor gave for the range; 0 when nothing traded.</param>
    public sealed record RangeFilled(
        Symbol Symbol, BarInterval Interval, TimeRange Range, long WorkId, int Bars)
        : ICollectorMessage;

    /// <summary>A step of the fill failed; the steps before it stay stored.</summary>
    public sealed record RangeFailed(
        Symbol Symbol, BarInterval Interval, TimeRange Range, long WorkId, FailureKind Kind,
        string Reason) : ICollectorMessage;
}
