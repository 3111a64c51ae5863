using Akka.Collector.Actors.Budget;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Actors.Upstream;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.MockVendor;
using Akka.Collector.Store.Sqlite;
using Akka.Collector.Vendors.Alpaca;
using Akka.Collector.Vendors.Http;
using Akka.Collector.Vendors.Synthetic;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Upstream;

/// <summary>
/// A batcher on the real Alpaca client against the mock vendor, with the node's budget on
/// virtual time: every request the vendor sees (first pages, further pages, retries) was paid
/// for, and no minute holds more requests than the budget allows, counted at the mock.
/// </summary>
public sealed class UpstreamBatcherBudgetSpecs()
    : Akka.TestKit.Xunit2.TestKit(RepoHocon.AkkaConf(), nameof(UpstreamBatcherBudgetSpecs))
{
    private const string KeyId = "PKBUDGET1";
    private const string Secret = "budget-secret-1";
    private const int PerMinute = 6;

    private static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());

    // Friday 2026-12-04 after the close; ten sessions of 30m bars, 13 a session.
    private static readonly Instant AfterClose = Instant.FromUtc(2026, 12, 4, 22, 0);
    private static readonly TimeRange TenSessions =
        new(Instant.FromUtc(2026, 11, 20, 5, 0), Instant.FromUtc(2026, 12, 5, 5, 0));

    [Fact]
    public async Task Pages_and_retries_are_paid_for_and_no_minute_exceeds_the_budget()
    {
        // arrange: 150 symbols in requests of 100 and 50; 130 bars a symbol in pages of 2000
        // bars, so 7 + 4 = 11 pages; the first two attempts are refused (429, Retry-After 0)
        var clock = new FakeTimeProvider(AfterClose.ToDateTimeOffset());
        await using var mock = await MockVendorServer.StartAsync(new MockVendorOptions
        {
            Minutes = new SyntheticBarSource(clock, Grid),
            Clock = clock,
            AlpacaKeyId = KeyId,
            AlpacaSecretKey = Secret,
        });
        mock.Faults.AlpacaPageLimit = 2000;
        mock.Faults.RetryAfterSeconds = 0;
        mock.Faults.TooManyRequests(2);

        // Polly's own waits on real time here (Retry-After 0, no timeout is near); the budget,
        // the batcher's timers and the mock on the test's clock
        using var http = new HttpClient();
        var vendor = new WatchedVendor(new AlpacaBarSource(http, new AlpacaOptions
        {
            BaseAddress = mock.BaseAddress,
            KeyId = KeyId,
            SecretKey = Secret,
        }, Grid, TimeProvider.System, new VendorResilienceOptions
        {
            FirstBackoff = TimeSpan.FromMilliseconds(1),
            MaxBackoff = TimeSpan.FromMilliseconds(50),
        }));
        using var budget = new RequestBudget(OnlyM30(PerMinute), clock);
        budget.QueueChanged += vendor.Changes.Raise;
        using var file = new TempSqliteFile();
        var store = new SqliteCandleStore(file.ConnectionString);
        await store.InitializeAsync(CancellationToken.None);
        var symbols = Enumerable.Range(0, 150).Select(i => Symbol.Parse($"S{i:D3}")).ToList();
        var batcher = Sys.ActorOf(UpstreamBatcher.Props(
            BarInterval.M30, vendor, store, Grid, clock, clock, new CollectionSettings
            {
                Universe = symbols,
                BackfillSessions = CollectionSettings.DefaultBackfill,
                RequestTimeout = TimeSpan.FromMinutes(10),
                ConcurrencyPerInterval = 1,
                BatchWindow = TimeSpan.FromMilliseconds(1),
            }, budget));

        // act: every symbol asks; the clock moves a second at a time, and only while nothing
        // but the clock can let a request go, so each arrives at the mock at its grant time
        foreach (var symbol in symbols)
            batcher.Tell(
                new UpstreamProtocol.FetchBars(symbol, BarInterval.M30, TenSessions), TestActor);
        bool Done() => mock.Requests.All.Count(r => r.Status == 200) == 11;
        for (var second = 0; !Done(); second++)
        {
            Assert.True(second < 600, $"not done after {second} s: {mock.Requests.Count} sent");
            await OnlyTheClockMovesItAsync(vendor, mock, budget, Done);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // assert: N pages + M retries cost N + M, and every symbol's bars were stored
        var answers = ReceiveN(symbols.Count, TimeSpan.FromSeconds(30));
        Assert.All(answers, a => Assert.IsType<UpstreamProtocol.BarsStored>(a));
        var served = mock.Requests.All;
        Assert.Equal(
            (11, 2), (served.Count(r => r.Status == 200), served.Count(r => r.Status == 429)));
        Assert.Equal(served.Count, budget.Granted);

        // and no 60 s at the mock held more than the budget
        foreach (var first in served)
        {
            var inMinute = served.Count(r =>
                r.ArrivedAt >= first.ArrivedAt && r.ArrivedAt < first.ArrivedAt.AddMinutes(1));
            Assert.True(inMinute <= PerMinute, $"{inMinute} requests from {first.ArrivedAt:T}");
        }

        Assert.True(served[^1].ArrivedAt - served[0].ArrivedAt >= TimeSpan.FromMinutes(2),
            "13 requests at 6 a minute take two minutes");
    }

    // A plan that gives the whole budget to 30m, so the test's requests meet the node's cap.
    private static CapacityPlan OnlyM30(double perMinute) => new(
        perMinute, perMinute,
        BarInterval.All.ToDictionary(i => i, i => i == BarInterval.M30 ? perMinute : 0), [])
    {
        Symbols = 150,
    };

    // Every granted request has reached the mock, and a request waits in the budget's queue
    // (it holds the one slot, so no other can be on the wire), or no fetch runs and the
    // batcher waits for the budget (or all is done): only the clock can move things on.
    // Looked at each time a fetch starts or ends or the budget's queue changes; a request
    // granted reaches the mock before its fetch can next queue or end.
    private static Task OnlyTheClockMovesItAsync(
        WatchedVendor vendor, MockVendorServer mock, RequestBudget budget, Func<bool> done) =>
        vendor.Changes.UntilAsync(
            () => done() || (mock.Requests.Count == budget.Granted
                             && (budget.Waiting > 0
                                 || (vendor.Fetching == 0
                                     && budget.UntilNext(BarInterval.M30) > TimeSpan.Zero))),
            TimeSpan.FromSeconds(10),
            "the batcher blocked on the budget");
}
