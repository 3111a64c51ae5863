using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using NodaTime;
using static Akka.Collector.Actors.Protocol.QueueProtocol;

namespace Akka.Collector.Actors.Tests.Serialization;

/// <summary>Samples of the collection queue's and gap filler's messages and events.</summary>
public static class QueueSamples
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly Symbol BfB = Symbol.Parse("BF-B");
    private static readonly Instant At = Instant.FromUtc(2026, 12, 3, 17, 0) +
        Duration.FromNanoseconds(7);
    private static readonly TimeRange Day = new(
        Instant.FromUtc(2026, 12, 3, 14, 30), Instant.FromUtc(2026, 12, 3, 21, 0));

    private static readonly WorkItem Item = new(
        9, Aapl, BarInterval.M5, Day, WorkKinds.GapFill | WorkKinds.Forced, 2, At, "Timeout: 20 s");

    private static readonly WorkItem Plain = new(
        long.MaxValue, BfB, BarInterval.D1, Day, WorkKinds.Onboarding, 0, null, null);

    private static readonly QuarantinedRange Bad = new(
        BfB, BarInterval.H2, Day, "MalformedReply: high below low — zweimal", 3, At);

    private static readonly Onboarding Joining = new(
        Aapl, BarInterval.H1, [BarInterval.H1, BarInterval.D1], true, At);

    public static Dictionary<Type, Func<object[]>> All { get; } = new()
    {
        [typeof(GetUniverse)] = () => [new GetUniverse(0), new GetUniverse(long.MaxValue)],
        [typeof(Universe)] = () =>
            [new Universe(5, null), new Universe(6, [Aapl, BfB]), new Universe(7, [])],
        [typeof(Onboard)] = () =>
            [new Onboard(Aapl, BarInterval.M15, "10.0.0.7", false, TimeSpan.FromSeconds(5))],
        [typeof(OnboardState)] = () =>
        [
            new OnboardState(Aapl, OnboardOutcome.Capped, TimeSpan.FromSeconds(30), "cap"),
            new OnboardState(BfB, OnboardOutcome.Ready, null, null),
        ],
        [typeof(RemoveSymbol)] = () => [new RemoveSymbol(BfB)],
        [typeof(SymbolRemoved)] = () => [new SymbolRemoved(BfB, true)],
        [typeof(Enqueue)] = () =>
        [
            new Enqueue([new WorkRequest(Aapl, BarInterval.M1, Day, WorkKinds.History)]),
            new Enqueue([]),
        ],
        [typeof(CollectNow)] = () =>
        [
            new CollectNow(Aapl, BarInterval.M30, Day),
            new CollectNow(null, BarInterval.D1, null),
        ],
        [typeof(Enqueued)] = () => [new Enqueued(40, 2)],
        [typeof(GetQueue)] = () => [new GetQueue(100)],
        [typeof(QueueView)] = () =>
        [
            new QueueView(2, [Item], [Plain], [Joining], [Bad]),
            new QueueView(0, [], [], [], []),
        ],
        [typeof(UniverseSeeded)] = () => [new UniverseSeeded([Aapl, BfB])],
        [typeof(SymbolJoined)] = () => [new SymbolJoined(Aapl)],
        [typeof(SymbolLeft)] = () => [new SymbolLeft(BfB)],
        [typeof(OnboardingBegun)] = () => [new OnboardingBegun(Aapl, BarInterval.H4, At)],
        [typeof(SymbolRejected)] = () => [new SymbolRejected(BfB, "no bars — none", At)],
        [typeof(WorkAdded)] = () => [new WorkAdded(Item), new WorkAdded(Plain)],
        [typeof(WorkFinished)] = () => [new WorkFinished(9, 390)],
        [typeof(WorkDeferred)] = () => [new WorkDeferred(9, At, "VendorDown: 503")],
        [typeof(WorkQuarantined)] = () => [new WorkQuarantined(9, Bad)],
        [typeof(QueueSnapshot)] = () =>
        [
            new QueueSnapshot([Aapl], true, 10, [Item, Plain], [Joining], [Bad],
                [new RejectedSymbol(BfB, "unknown", At)]),
            new QueueSnapshot([], false, 1, [], [], [], []),
        ],
        [typeof(GapProtocol.GetGaps)] = () => [new GapProtocol.GetGaps(50)],
        [typeof(GapProtocol.Gaps)] = () =>
        [
            new GapProtocol.Gaps(1, [new GapProtocol.OpenGap(Aapl, BarInterval.M1, Day, At)], At),
            new GapProtocol.Gaps(0, [], null),
        ],
    };
}
