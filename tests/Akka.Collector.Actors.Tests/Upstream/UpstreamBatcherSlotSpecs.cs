using System.Threading.Channels;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store;
using Akka.Collector.Store.Sqlite;
using Akka.Collector.Vendors;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Upstream;

/// <summary>
/// A vendor slot is held for the vendor's answer only, not for the store write after it; and
/// a partial request does not go while the slot it would need is busy, so the fetches that
/// keep arriving meanwhile join it instead of making requests of their own.
/// </summary>
public sealed class UpstreamBatcherSlotSpecs()
    : Akka.TestKit.Xunit2.TestKit(RepoHocon.AkkaConf(), nameof(UpstreamBatcherSlotSpecs))
{
    private static readonly Instant Noon = Instant.FromUtc(2026, 12, 3, 17, 0);
    private static readonly Duration Five = Duration.FromMinutes(5);
    private static readonly TimeRange Earlier = new(Noon - Five - Five, Noon - Five);
    private static readonly TimeRange Later = new(Noon - Five, Noon);

    [Fact]
    public async Task The_next_request_goes_while_the_last_reply_is_still_being_stored()
    {
        // arrange: one slot, one symbol a request, a store whose writes wait for the test
        var vendor = new RecordingVendor(maxSymbols: 1);
        var store = new HeldStore();
        var batcher = Sys.ActorOf(FiveMinuteBatcher.Props(vendor, store, slots: 1, Noon));

        // act
        batcher.Tell(
            new UpstreamProtocol.FetchBars(Symbol.Parse("AAPL"), BarInterval.M5, Earlier),
            TestActor);
        batcher.Tell(
            new UpstreamProtocol.FetchBars(Symbol.Parse("MSFT"), BarInterval.M5, Later),
            TestActor);

        // assert: both asked of the vendor while the first write is still held
        var first = await vendor.NextAsync();
        await store.Writing.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var second = await vendor.NextAsync();
        Assert.Equal(["AAPL"], first);
        Assert.Equal(["MSFT"], second);

        store.Release();
        ExpectMsg<UpstreamProtocol.BarsStored>(TimeSpan.FromSeconds(10));
        ExpectMsg<UpstreamProtocol.BarsStored>(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_partial_request_waits_for_a_busy_slot_and_takes_the_fetches_that_arrive()
    {
        // arrange: one slot, four symbols a request, a 1 ms window, a vendor that holds the
        // first request until the test lets it answer
        using var file = new TempSqliteFile();
        var store = new SqliteCandleStore(file.ConnectionString);
        await store.InitializeAsync(CancellationToken.None);
        var vendor = new RecordingVendor(maxSymbols: 4, held: true);
        var batcher = Sys.ActorOf(FiveMinuteBatcher.Props(vendor, store, slots: 1, Noon));

        // act: a full request goes; two fetches wait past their window while it is out; two
        // more arrive; then the vendor answers
        Fetch(batcher, "A1", "A2", "A3", "A4");
        await vendor.NextAsync();
        Fetch(batcher, "B1", "B2");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Fetch(batcher, "B3", "B4");
        vendor.Release();

        // assert: the four late fetches made one request, not two
        var second = await vendor.NextAsync();
        Assert.Equal(["B1", "B2", "B3", "B4"], second.Order(StringComparer.Ordinal));
        for (var i = 0; i < 8; i++)
            ExpectMsg<UpstreamProtocol.BarsStored>(TimeSpan.FromSeconds(10));
        Assert.False(vendor.Asked.Reader.TryRead(out var third), $"a third request: {third}");
    }

    private void Fetch(Akka.Actor.IActorRef batcher, params string[] symbols)
    {
        foreach (var symbol in symbols)
        {
            batcher.Tell(
                new UpstreamProtocol.FetchBars(Symbol.Parse(symbol), BarInterval.M5, Later),
                TestActor);
        }
    }

    // Answers every request with no bars, once the test lets it when held; tells each request.
    private sealed class RecordingVendor(int maxSymbols, bool held = false) : IBarSource
    {
        private readonly TaskCompletionSource _open =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Channel<IReadOnlyList<string>> Asked { get; } =
            Channel.CreateUnbounded<IReadOnlyList<string>>();

        public string Name => "recording";

        public BarSourceLimits Limits { get; } =
            new(maxSymbols, new HashSet<BarInterval>(BarInterval.All));

        public void Release() => _open.TrySetResult();

        public async Task<IReadOnlyList<string>> NextAsync() =>
            await Asked.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        public async Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancel)
        {
            Asked.Writer.TryWrite([.. request.Symbols.Select(s => s.Value)]);
            if (held)
                await _open.Task.WaitAsync(cancel);
            return BarBatch.Empty;
        }
    }

    // A store whose writes wait until the test releases them; it is asked nothing else.
    private sealed class HeldStore : ICandleStore
    {
        private readonly TaskCompletionSource _open =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Channel<IReadOnlyList<CandleWrite>> Writing { get; } =
            Channel.CreateUnbounded<IReadOnlyList<CandleWrite>>();

        public void Release() => _open.TrySetResult();

        public async Task WriteAsync(IReadOnlyList<CandleWrite> writes, CancellationToken cancel)
        {
            Writing.Writer.TryWrite(writes);
            await _open.Task.WaitAsync(cancel);
        }

        public Task InitializeAsync(CancellationToken cancel) => Task.CompletedTask;

        public Task<string> ClaimSourceAsync(string source, CancellationToken cancel) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<Candle>> ReadAsync(
            Symbol symbol, BarInterval interval, Instant from, Instant to, int limit,
            CancellationToken cancel) => throw new NotSupportedException();

        public Task<Candle?> ReadNewestAsync(
            Symbol symbol, BarInterval interval, CancellationToken cancel) =>
            throw new NotSupportedException();

        public Task<IReadOnlyDictionary<BarInterval, Instant>> ReadWatermarksAsync(
            Symbol symbol, CancellationToken cancel) => throw new NotSupportedException();

        public Task<IReadOnlyList<TimeRange>> ReadCoverageAsync(
            Symbol symbol, BarInterval interval, CancellationToken cancel) =>
            throw new NotSupportedException();

        public Task<long> PruneAsync(
            BarInterval interval, Instant before, CancellationToken cancel) =>
            throw new NotSupportedException();
    }
}
