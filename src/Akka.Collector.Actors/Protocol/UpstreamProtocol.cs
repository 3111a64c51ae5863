using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors;

namespace Akka.Collector.Actors.Protocol;

/// <summary>Between a symbol entity and its node's upstream batcher for one interval.</summary>
public static class UpstreamProtocol
{
    /// <summary>Fetch and store one symbol's bars over a range; merged with others'
    /// requests.</summary>
    /// <param name="Backfill">History rather than a scheduled round: it waits behind
    /// rounds.</param>
    public sealed record FetchBars(
        Symbol Symbol, BarInterval Interval, TimeRange Range, bool Backfill = false)
        : ICollectorMessage;

    /// <summary>The range is fetched and stored: <paramref name="Stored"/> bars, maybe
    /// none.</summary>
    public sealed record BarsStored(
        Symbol Symbol, BarInterval Interval, TimeRange Range, int Stored)
        : ICollectorMessage;

    public sealed record FetchFailed(
        Symbol Symbol, BarInterval Interval, TimeRange Range, FailureKind Kind, string Reason)
        : ICollectorMessage;
}
