using System.Collections.Concurrent;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store.Sqlite;
using Akka.Collector.Vendors;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Upstream;

/// <summary>
/// One symbol whose data the vendor always answers malformed (or refuses) must fail alone:
/// the batch it shares is split in halves until the culprit stands by itself, and the other
/// symbols are stored in the same round.
/// </summary>
public sealed class UpstreamBatcherSplitSpecs()
    : Akka.TestKit.Xunit2.TestKit(RepoHocon.AkkaConf(), nameof(UpstreamBatcherSplitSpecs))
{
    private static readonly Instant Noon = Instant.FromUtc(2026, 12, 3, 17, 0);
    private static readonly TimeRange Range = new(Noon - Duration.FromMinutes(5), Noon);
    private static readonly string[] Eight = ["A", "B", "C", "D", "E", "F", "G", "H"];

    [Theory]
    [InlineData(FailureKind.MalformedReply)]
    [InlineData(FailureKind.RequestRejected)]
    public async Task A_poisoned_symbol_fails_alone_and_the_rest_of_its_batch_is_stored(
        FailureKind kind)
    {
        // arrange: eight symbols a request; any request naming F fails
        using var file = new TempSqliteFile();
        var store = new SqliteCandleStore(file.ConnectionString);
        await store.InitializeAsync(CancellationToken.None);
        var vendor = new PoisonVendor("F", kind);
        var batcher = Sys.ActorOf(FiveMinuteBatcher.Props(vendor, store, slots: 2, Noon));

        // act
        foreach (var symbol in Eight)
            batcher.Tell(new UpstreamProtocol.FetchBars(Symbol.Parse(symbol), BarInterval.M5,
                Range), TestActor);

        // assert: seven stored with their bar, F failed with the vendor's reason
        var replies = Enumerable.Range(0, 8)
            .Select(_ => ExpectMsg<object>(TimeSpan.FromSeconds(10)))
            .ToList();
        var stored = replies.OfType<UpstreamProtocol.BarsStored>().ToList();
        var failed = Assert.Single(replies.OfType<UpstreamProtocol.FetchFailed>());
        Assert.Equal(["A", "B", "C", "D", "E", "G", "H"],
            stored.Select(s => s.Symbol.Value).Order(StringComparer.Ordinal));
        Assert.All(stored, s => Assert.Equal(1, s.Stored));
        Assert.Equal("F", failed.Symbol.Value);
        Assert.Equal(kind, failed.Kind);
        Assert.Contains("F is broken", failed.Reason);

        // the halving: 8, then 4 + 4, then 2 + 2 of F's half, then 1 + 1 of F's pair
        Assert.Equal([8, 4, 4, 2, 2, 1, 1], vendor.Sizes.Order().Reverse());
        var bars = await store.ReadAsync(Symbol.Parse("G"), BarInterval.M5, Range.From,
            Range.To, 10, CancellationToken.None);
        Assert.Single(bars);
    }

    [Fact]
    public void A_vendor_wide_fault_is_not_split()
    {
        // arrange: the vendor is down for everyone
        var vendor = new PoisonVendor(null, FailureKind.VendorDown);
        using var file = new TempSqliteFile();
        var batcher = Sys.ActorOf(FiveMinuteBatcher.Props(
            vendor, new SqliteCandleStore(file.ConnectionString), slots: 2, Noon));

        // act
        foreach (var symbol in Eight)
            batcher.Tell(new UpstreamProtocol.FetchBars(Symbol.Parse(symbol), BarInterval.M5,
                Range), TestActor);

        // assert: one request, every symbol told why
        for (var i = 0; i < 8; i++)
        {
            var failed = ExpectMsg<UpstreamProtocol.FetchFailed>(TimeSpan.FromSeconds(10));
            Assert.Equal(FailureKind.VendorDown, failed.Kind);
        }

        Assert.Equal([8], vendor.Sizes);
    }

    // One bar per symbol, or the given failure for any request naming the poisoned symbol
    // (every request when none is named).
    private sealed class PoisonVendor(string? poisoned, FailureKind kind) : IBarSource
    {
        private readonly ConcurrentQueue<int> _sizes = new();

        public IReadOnlyList<int> Sizes => [.. _sizes];

        public string Name => "poison";

        public BarSourceLimits Limits { get; } =
            new(8, new HashSet<BarInterval>(BarInterval.All));

        public Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancel)
        {
            _sizes.Enqueue(request.Symbols.Count);
            if (poisoned is null || request.Symbols.Any(s => s.Value == poisoned))
                throw new BarSourceException(kind, $"{poisoned ?? "all"} is broken");

            var bar = new Candle(Range.From, 10m, 11m, 9m, 10.5m, 100);
            return Task.FromResult(new BarBatch(request.Symbols.ToDictionary(
                s => s, IReadOnlyList<Candle> (_) => [bar])));
        }
    }
}
