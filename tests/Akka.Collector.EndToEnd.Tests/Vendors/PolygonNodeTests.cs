using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.Vendors.Http;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Vendors;

/// <summary>
/// A node on the real Polygon client (collector.vendor.kind = polygon) against the mock
/// vendor, in a smaller form than Alpaca's: Polygon takes one symbol per request, so a round
/// costs one request per symbol; a 429 storm fails a symbol and the next round makes it good.
/// </summary>
public sealed class PolygonNodeTests
{
    private static readonly string[] Universe = ["AAPL", "BRK.B", "MSFT", "NVDA", "QQQ", "SPY"];

    // As in AlpacaNodeTests: start-up at 10:00:06, more than 30 s before the next round.
    private static readonly Instant Start = Et.At(2026, 12, 3, 10, 0, 6);
    private static readonly Instant Open = Et.At(2026, 12, 3, 9, 30);
    private static readonly Instant Ten01 = Et.At(2026, 12, 3, 10, 1);
    private static readonly Instant Ten02 = Et.At(2026, 12, 3, 10, 2);
    private static readonly Duration Settle = Duration.FromSeconds(5);

    private const string OneSession = "collector.collection.backfill-sessions " +
        "{ 1m = 1, 2m = 1, 5m = 1, 15m = 1, 30m = 1, 1h = 1, 2h = 1, 4h = 1, 1d = 1 }";

    [Fact]
    public async Task A_1m_round_asks_once_per_symbol_and_stores_them_all()
    {
        // arrange
        await using var v = await MockVendorNode.StartAsync("polygon", Start, Universe, OneSession);
        await v.Node.WaitForStartupRoundsAsync();
        v.Mock.Requests.Clear();

        // act
        v.Node.AdvanceTo(Ten01 + Settle);
        var round = await RoundUpToAsync(v, Ten01);

        // assert
        Assert.Equal((Universe.Length, 0), (round.SymbolsDone, round.SymbolsFailed));
        var served = v.Mock.Requests.All;
        Assert.All(served, r => Assert.Equal(("polygon", "1/minute", 200, (string?)null),
            (r.Vendor, r.Timeframe, r.Status, r.PageToken)));
        Assert.Equal(Universe.Order(StringComparer.Ordinal),
            served.Select(r => Assert.Single(r.Symbols)).Order(StringComparer.Ordinal));
        await v.AssertStoredEqualsTruthAsync(Universe, BarInterval.M1, Open, Ten01);

        var answer = await HttpJson.GetAsync(v.Node.Http, "/api/v1/candles/BRK.B?interval=1m");
        var truth = await v.TruthAsync([Symbol.Parse("BRK.B")], BarInterval.M1, Open, Ten01);
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.True(answer.Fresh(), answer.ToString());
        Assert.Equal(truth.Single().Value.Select(c => c.Start), answer.Starts());
    }

    [Fact]
    public async Task A_429_storm_fails_a_symbol_and_the_next_round_makes_it_good()
    {
        // arrange: one request at a time, so the storm meets exactly one symbol's attempts
        // (Retry-After: 0, as the node's retries wait on the market clock only the test moves)
        await using var v = await MockVendorNode.StartAsync("polygon", Start, Universe,
            OneSession + "\ncollector.vendor.concurrency-per-interval = 1");
        await v.Node.WaitForStartupRoundsAsync();
        var attempts = 1 + new VendorResilienceOptions().MaxRetries;
        v.Mock.Faults.RetryAfterSeconds = 0;
        v.Mock.Faults.TooManyRequests(attempts);

        // act
        v.Node.AdvanceTo(Ten01 + Settle);
        var failed = await RoundUpToAsync(v, Ten01);
        await v.Node.WaitForTimersAsync();
        v.Node.AdvanceTo(Ten02 + Settle);
        var next = await RoundUpToAsync(v, Ten02);

        // assert
        Assert.Equal((Universe.Length - 1, 1), (failed.SymbolsDone, failed.SymbolsFailed));
        Assert.Contains("RateLimited", failed.Failures);
        Assert.Equal((Universe.Length, 0), (next.SymbolsDone, next.SymbolsFailed));
        await v.AssertStoredEqualsTruthAsync(Universe, BarInterval.M1, Open, Ten02);
    }

    private static Task<Actors.Protocol.IntervalProtocol.RoundReport> RoundUpToAsync(
        MockVendorNode v, Instant upTo) =>
        v.Node.Rounds.WaitAsync(
            r => r.Interval == BarInterval.M1 && r.UpTo == upTo, $"the 1m round up to {upTo}");
}
