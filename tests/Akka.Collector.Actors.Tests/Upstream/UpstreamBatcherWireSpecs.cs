using System.Collections.Concurrent;
using Akka.Actor;
using System.Threading.Channels;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store.Sqlite;
using Akka.Collector.Vendors;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Upstream;

/// <summary>
/// A slot is held while a request is on the wire, not while its reply is read: a client that
/// reports a reply read frees the slot for the next request at once, and a further page of
/// that fetch asks for a slot again, ahead of batches not yet started. The vendor here acts
/// out a client's steps (permit, wire, answer, read) and waits for the test at each.
/// </summary>
public sealed class UpstreamBatcherWireSpecs()
    : Akka.TestKit.Xunit2.TestKit(RepoHocon.AkkaConf(), nameof(UpstreamBatcherWireSpecs))
{
    private static readonly Instant Noon = Instant.FromUtc(2026, 12, 3, 17, 0);
    private static readonly TimeRange Range = new(Noon - Duration.FromMinutes(5), Noon);

    private readonly TempSqliteFile _file = new();

    [Fact]
    public async Task The_next_request_goes_while_the_last_reply_is_still_being_read()
    {
        // arrange: one slot, one symbol a request
        var vendor = new SteppedVendor(pagesOf: new Dictionary<string, int>());
        var batcher = await StartAsync(vendor, slots: 1);

        // act: A goes and is answered; its reading is held
        Fetch(batcher, "A", "B");
        Assert.Equal("A1", await vendor.NextOnWireAsync());
        vendor.Answer("A1");

        // assert: B is on the wire while A is still read
        Assert.Equal("B1", await vendor.NextOnWireAsync());

        vendor.Read("A1");
        vendor.Answer("B1");
        vendor.Read("B1");
        ExpectMsg<UpstreamProtocol.BarsStored>(TimeSpan.FromSeconds(10));
        ExpectMsg<UpstreamProtocol.BarsStored>(TimeSpan.FromSeconds(10));
        Assert.Equal(1, vendor.MostOnWire);
    }

    [Fact]
    public async Task A_further_page_waits_for_a_slot_ahead_of_batches_not_yet_started()
    {
        // arrange: two slots; A takes two pages, B, C and D one each
        var vendor = new SteppedVendor(pagesOf: new Dictionary<string, int> { ["A"] = 2 });
        var batcher = await StartAsync(vendor, slots: 2);
        foreach (var page in new[] { "B1", "C1", "D1" })
            vendor.Read(page);

        // act: A and B go; A's first page is answered and C takes its slot; A, read, wants
        // its second page while B and C are out; then B is answered
        Fetch(batcher, "A", "B", "C", "D");
        Assert.Equal(["A1", "B1"], (await vendor.NextOnWireAsync(2)).Order());
        vendor.Answer("A1");
        Assert.Equal("C1", await vendor.NextOnWireAsync());
        vendor.Read("A1");
        Assert.Equal("A2", await vendor.NextWantedAsync());
        vendor.Answer("B1");

        // assert: B's slot went to A's second page, not to D; D goes when C is answered
        Assert.Equal("A2", await vendor.NextOnWireAsync());
        vendor.Answer("C1");
        Assert.Equal("D1", await vendor.NextOnWireAsync());

        vendor.Answer("A2");
        vendor.Read("A2");
        vendor.Answer("D1");
        for (var i = 0; i < 4; i++)
            ExpectMsg<UpstreamProtocol.BarsStored>(TimeSpan.FromSeconds(10));
        Assert.Equal(2, vendor.MostOnWire);
    }

    [Fact]
    public async Task A_slot_goes_back_only_when_every_request_of_its_fetch_is_over()
    {
        // arrange: one slot; A sends two requests at once and fails its first try of one
        var vendor = new TwoAtOnceVendor();
        var batcher = await StartAsync(vendor, slots: 1);

        // act: both of A's requests go; one fails and is tried again, on the same slot
        Fetch(batcher, "A", "B");
        Assert.Equal(["A-left", "A-right"], (await vendor.NextOnWireAsync(2)).Order());
        vendor.Fail("A-left");
        Assert.Equal("A-left", await vendor.NextOnWireAsync());
        vendor.Answer("A-left");
        Assert.Equal("A-left", await vendor.NextReleasedAsync());

        // assert: B waits while A's other request is out: the batcher has seen whatever
        // A-left's answer told it (Identify queues behind it), and still B is not sent
        await batcher.Ask<ActorIdentity>(
            new Identify(null), TimeSpan.FromSeconds(10));
        Assert.False(vendor.TryNextOnWire(TimeSpan.FromMilliseconds(200), out var early),
            $"{early} went while A-right was still out");

        // and goes once that is answered
        vendor.Answer("A-right");
        Assert.Equal("B-left", (await vendor.NextOnWireAsync(2)).Order().First());
        Assert.Equal(1, vendor.MostFetchesOnWire);

        vendor.Answer("B-left");
        vendor.Answer("B-right");
        ExpectMsg<UpstreamProtocol.BarsStored>(TimeSpan.FromSeconds(10));
        ExpectMsg<UpstreamProtocol.BarsStored>(TimeSpan.FromSeconds(10));
    }

    private async Task<Akka.Actor.IActorRef> StartAsync(IBarSource vendor, int slots)
    {
        var store = new SqliteCandleStore(_file.ConnectionString);
        await store.InitializeAsync(CancellationToken.None);
        return Sys.ActorOf(FiveMinuteBatcher.Props(vendor, store, slots, Noon));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _file.Dispose();
    }

    private void Fetch(Akka.Actor.IActorRef batcher, params string[] symbols)
    {
        foreach (var symbol in symbols)
        {
            batcher.Tell(
                new UpstreamProtocol.FetchBars(Symbol.Parse(symbol), BarInterval.M5, Range),
                TestActor);
        }
    }

    // Two requests at once per fetch ("-left", "-right"), each on the wire until the test
    // answers it or fails it (a failed one is tried again); counts the fetches that have a
    // request on the wire, which one slot allows only one of.
    private sealed class TwoAtOnceVendor : IBarSource
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _outcomes = new();
        private readonly Channel<string> _onWire = Channel.CreateUnbounded<string>();
        private readonly Channel<string> _released = Channel.CreateUnbounded<string>();
        private readonly ConcurrentDictionary<string, int> _fetchesOut = new();
        private int _most;

        public string Name => "two-at-once";

        public BarSourceLimits Limits { get; } =
            new(1, new HashSet<BarInterval>(BarInterval.All));

        public int MostFetchesOnWire => Volatile.Read(ref _most);

        public void Answer(string request) => Outcome(request).TrySetResult(true);

        public void Fail(string request) => Outcome(request).TrySetResult(false);

        public async Task<List<string>> NextOnWireAsync(int count)
        {
            var requests = new List<string>();
            for (var i = 0; i < count; i++)
                requests.Add(await NextOnWireAsync());
            return requests;
        }

        public async Task<string> NextOnWireAsync() =>
            await _onWire.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        /// <summary>A request answered, once the client has reported it.</summary>
        public async Task<string> NextReleasedAsync() =>
            await _released.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        // A bounded look for a request that must not come: a pass can only be late, never
        // wrong, as nothing here moves it on.
        public bool TryNextOnWire(TimeSpan within, out string? request)
        {
            // Cancelled, not abandoned: a read left waiting would take the next request.
            request = null;
            using var limit = new CancellationTokenSource(within);
            try
            {
                request = _onWire.Reader.ReadAsync(limit.Token).AsTask().GetAwaiter().GetResult();
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public async Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancel)
        {
            var symbol = request.Symbols.Single().Value;
            await Task.WhenAll(
                SendAsync(request, symbol, "-left", cancel),
                SendAsync(request, symbol, "-right", cancel));
            return BarBatch.Empty;
        }

        private async Task SendAsync(
            BarRequest request, string symbol, string side, CancellationToken cancel)
        {
            var name = symbol + side;
            while (true)
            {
                await request.Permits.AcquireAsync(cancel);
                if (_fetchesOut.AddOrUpdate(symbol, 1, (_, n) => n + 1) == 1)
                {
                    InterlockedMax(ref _most, _fetchesOut.Count(kv => kv.Value > 0));
                }

                _onWire.Writer.TryWrite(name);
                var answered = await Outcome(name).Task.WaitAsync(cancel);
                _outcomes.TryRemove(name, out _);
                _fetchesOut.AddOrUpdate(symbol, 0, (_, n) => n - 1);
                request.Permits.Released(answered);
                if (answered)
                {
                    _released.Writer.TryWrite(name);
                    return;
                }
            }
        }

        private TaskCompletionSource<bool> Outcome(string request) => _outcomes.GetOrAdd(
            request, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    // One symbol a request. Each page: draw a permit (a further page says it wants one
    // first), go on the wire, wait for the test to answer, report the reply read, then wait
    // for the test to let the reading finish. Answers no bars.
    private sealed class SteppedVendor(IReadOnlyDictionary<string, int> pagesOf) : IBarSource
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
        private readonly Channel<string> _wanted = Channel.CreateUnbounded<string>();
        private readonly Channel<string> _onWire = Channel.CreateUnbounded<string>();
        private int _wire;
        private int _most;

        public string Name => "stepped";

        public BarSourceLimits Limits { get; } =
            new(1, new HashSet<BarInterval>(BarInterval.All));

        public int MostOnWire => Volatile.Read(ref _most);

        public void Answer(string page) => Gate("answer " + page).TrySetResult();

        public void Read(string page) => Gate("read " + page).TrySetResult();

        public async Task<string> NextOnWireAsync() =>
            await _onWire.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        public async Task<List<string>> NextOnWireAsync(int count)
        {
            var pages = new List<string>();
            for (var i = 0; i < count; i++)
                pages.Add(await NextOnWireAsync());
            return pages;
        }

        public async Task<string> NextWantedAsync() =>
            await _wanted.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        public async Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancel)
        {
            var symbol = request.Symbols.Single().Value;
            for (var page = 1; page <= pagesOf.GetValueOrDefault(symbol, 1); page++)
            {
                var name = symbol + page;

                // The ask for a slot is in the batcher's mailbox once AcquireAsync returns.
                var permit = request.Permits.AcquireAsync(cancel);
                if (page > 1)
                    _wanted.Writer.TryWrite(name);
                await permit;

                var onWire = Interlocked.Increment(ref _wire);
                InterlockedMax(ref _most, onWire);
                _onWire.Writer.TryWrite(name);
                await Gate("answer " + name).Task.WaitAsync(cancel);
                Interlocked.Decrement(ref _wire);

                request.Permits.Released(answered: true);
                await Gate("read " + name).Task.WaitAsync(cancel);
            }

            return BarBatch.Empty;
        }

        private TaskCompletionSource Gate(string name) => _gates.GetOrAdd(
            name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    // The most of something seen at once, kept by the vendors' concurrent requests.
    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value
               && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
