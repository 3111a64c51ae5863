using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Serialization;

/// <summary>
/// Every protocol message type, found by reflection, and hand-built samples of each. The
/// samples carry values a careless codec gets wrong: sub-tick and pre-1970 instants, every
/// nullable both set and null, non-ASCII text, the daily and an aggregated interval.
/// </summary>
public static class ProtocolSamples
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly Symbol BrkB = Symbol.Parse("BRK.B");

    private static readonly Instant BarEnd = Instant.FromUtc(2024, 3, 8, 15, 31);
    private static readonly Instant SubTick = BarEnd + Duration.FromNanoseconds(123_456_789);
    private static readonly Instant BeforeEpoch = Instant.FromUtc(1969, 7, 20, 20, 17, 40);
    private static readonly TimeRange LastHalfHour =
        new(BarEnd - Duration.FromMinutes(30), BarEnd);
    private static readonly TimeRange Empty = new(BeforeEpoch, BeforeEpoch);

    private static readonly IntervalProtocol.RoundReport Report = new(
        BarInterval.M5, 17, BarEnd, SubTick, SubTick + Duration.FromSeconds(3), 480, 20, false);

    private static readonly Dictionary<Type, Func<object[]>> Factories = new(QueueSamples.All)
    {
        [typeof(IntervalProtocol.GetStatus)] = () =>
        [
            new IntervalProtocol.GetStatus(BarInterval.M1),
            new IntervalProtocol.GetStatus(BarInterval.D1),
        ],
        [typeof(IntervalProtocol.SetDegraded)] = () =>
        [
            new IntervalProtocol.SetDegraded(BarInterval.M1, true, "needs 6 of 5 requests/min"),
            new IntervalProtocol.SetDegraded(BarInterval.D1, false, ""),
        ],
        [typeof(IntervalProtocol.RoundReport)] = () =>
        [
            Report,
            new IntervalProtocol.RoundReport(
                BarInterval.H4, long.MaxValue, BeforeEpoch, BeforeEpoch, BarEnd, 0, 1, true),
            new IntervalProtocol.RoundReport(
                BarInterval.D1, 3, BarEnd, SubTick, BarEnd, 37, 3, true,
                "3 of 40 symbols failed: 2 RateLimited, 1 RoundTimedOut; last: 429 — später"),
        ],
        [typeof(IntervalProtocol.Status)] = () =>
        [
            new IntervalProtocol.Status(
                BarInterval.M5, Report, SubTick, 18, 3, BarEnd, "calendar ends"),
            new IntervalProtocol.Status(BarInterval.H1, null, null, 0, 0, null, null),
            new IntervalProtocol.Status(BarInterval.H2, null, null, 0, 0, null, null, true, 12),
            new IntervalProtocol.Status(
                BarInterval.M1, Report with { Failures = "20 of 500 symbols failed: Timeout" },
                null, 18, 0, BarEnd, null, CompleteUpTo: SubTick),
            new IntervalProtocol.Status(
                BarInterval.D1, null, null, 1, 0, null, null, CompleteUpTo: BeforeEpoch),
        ],
        [typeof(SymbolProtocol.Collect)] = () =>
        [
            new SymbolProtocol.Collect(Aapl, BarInterval.M1, BarEnd, 42),
            new SymbolProtocol.Collect(BrkB, BarInterval.D1, BeforeEpoch, 0),
        ],
        [typeof(SymbolProtocol.Collected)] = () =>
        [
            new SymbolProtocol.Collected(Aapl, BarInterval.M2, BarEnd, 7, SubTick),
        ],
        [typeof(SymbolProtocol.CollectFailed)] = () =>
        [
            new SymbolProtocol.CollectFailed(
                BrkB, BarInterval.M15, BarEnd, 9, FailureKind.RateLimited, "429 — retry in 7 s"),
            new SymbolProtocol.CollectFailed(
                Aapl, BarInterval.M30, BarEnd, 0, FailureKind.StoreUnavailable, ""),
        ],
        [typeof(SymbolProtocol.GetFreshness)] = () =>
        [
            new SymbolProtocol.GetFreshness(BrkB, BarInterval.H2),
        ],
        [typeof(SymbolProtocol.Freshness)] = () =>
        [
            new SymbolProtocol.Freshness(
                Aapl, BarInterval.M1, BarEnd, SubTick, TimeSpan.FromTicks(12_345_678),
                "Timeout: 20 s"),
            new SymbolProtocol.Freshness(BrkB, BarInterval.D1, null, null, null, null),
        ],
        [typeof(UpstreamProtocol.FetchBars)] = () =>
        [
            new UpstreamProtocol.FetchBars(Aapl, BarInterval.H1, LastHalfHour),
            new UpstreamProtocol.FetchBars(BrkB, BarInterval.M1, Empty, Backfill: true),
        ],
        [typeof(UpstreamProtocol.BarsStored)] = () =>
        [
            new UpstreamProtocol.BarsStored(Aapl, BarInterval.M30, LastHalfHour, 390),
        ],
        [typeof(UpstreamProtocol.FetchFailed)] = () =>
        [
            new UpstreamProtocol.FetchFailed(
                BrkB, BarInterval.M5, LastHalfHour, FailureKind.MalformedReply, "bad JSON at 17"),
        ],
        [typeof(SymbolProtocol.FillRange)] = () =>
        [
            new SymbolProtocol.FillRange(Aapl, BarInterval.H4, LastHalfHour, long.MaxValue),
            new SymbolProtocol.FillRange(BrkB, BarInterval.D1, Empty, 0),
        ],
        [typeof(SymbolProtocol.RangeFilled)] = () =>
        [
            new SymbolProtocol.RangeFilled(Aapl, BarInterval.M1, LastHalfHour, 12, 0),
        ],
        [typeof(SymbolProtocol.RangeFailed)] = () =>
        [
            new SymbolProtocol.RangeFailed(
                BrkB, BarInterval.M2, LastHalfHour, 3, FailureKind.NotEntitled, "403 — SIP"),
        ],
    };

    /// <summary>Every concrete ICollectorMessage type of the Actors assembly.</summary>
    public static IReadOnlyList<Type> MessageTypes { get; } = typeof(ICollectorMessage).Assembly
        .GetTypes()
        .Where(t => typeof(ICollectorMessage).IsAssignableFrom(t))
        .Where(t => t is { IsInterface: false, IsAbstract: false })
        .Where(t => !t.ContainsGenericParameters)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>The message types as theory data, one test case per type.</summary>
    public static TheoryData<Type> MessageTypeData => [.. MessageTypes];

    /// <summary>Samples of one message type; fails naming the type when there are none.</summary>
    public static IReadOnlyList<object> For(Type type)
    {
        if (!Factories.TryGetValue(type, out var build))
            Assert.Fail($"no sample of {Describe(type)}: add one to {nameof(ProtocolSamples)}");

        return build();
    }

    /// <summary>Message types that have no sample here.</summary>
    public static IReadOnlyList<string> TypesWithoutSamples() =>
        MessageTypes.Where(t => !Factories.ContainsKey(t)).Select(Describe).ToList();

    private static string Describe(Type type) => type.FullName!.Replace('+', '.');
}
