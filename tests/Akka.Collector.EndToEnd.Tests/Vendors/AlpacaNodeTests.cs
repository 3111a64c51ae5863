using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.Vendors.Alpaca;
using Akka.Collector.Vendors.Http;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Vendors;

/// <summary>
/// A node on the real Alpaca client (collector.vendor.kind = alpaca) against the mock vendor:
/// a 1m round for 150 symbols costs ⌈150 / 100⌉ requests plus pages, not 150, stores every
/// symbol's bar and the gateway serves it; a vendor fault through a whole round is made good,
/// complete and duplicate-free, by the round after it.
/// </summary>
public sealed class AlpacaNodeTests
{
    private const int Batch = AlpacaOptions.DefaultMaxSymbolsPerRequest;

    // Class suffixes (BRK.B, BF-B) travel escaped in the symbols list; the rest fill 150.
    private static readonly string[] Universe =
        ["AAPL", "BRK.B", "BF-B", .. Enumerable.Range(0, 147).Select(i => $"T{i:D3}")];

    // Thursday 2026-12-03. The start-up rounds run at 10:00:06; with one session of backfill
    // they fetch today's bars so far, and more than 30 s before the next round, so the
    // breaker's sampling window holds only what a test's round does.
    private static readonly Instant Start = Et.At(2026, 12, 3, 10, 0, 6);
    private static readonly Instant Open = Et.At(2026, 12, 3, 9, 30);
    private static readonly Instant Ten01 = Et.At(2026, 12, 3, 10, 1);
    private static readonly Instant Ten02 = Et.At(2026, 12, 3, 10, 2);
    private static readonly Duration Settle = Duration.FromSeconds(5);

    private const string OneSession = "collector.collection.backfill-sessions " +
        "{ 1m = 1, 2m = 1, 5m = 1, 15m = 1, 30m = 1, 1h = 1, 2h = 1, 4h = 1, 1d = 1 }";

    [Fact]
    public async Task A_1m_round_costs_a_request_per_100_symbols_plus_pages_and_stores_them_all()
    {
        // arrange: start-up done; from now on a page holds 64 bars, so a request for 100
        // symbols runs on to a second page
        await using var v = await MockVendorNode.StartAsync("alpaca", Start, Universe, OneSession);
        await v.Node.WaitForStartupRoundsAsync();
        v.Mock.Requests.Clear();
        v.Mock.Faults.AlpacaPageLimit = 64;

        // act
        v.Node.AdvanceTo(Ten01 + Settle);
        var round = await RoundUpToAsync(v, Ten01);

        // assert: every symbol done in ⌈150 / 100⌉ = 2 requests, each followed to its last page
        Assert.Equal((Universe.Length, 0), (round.SymbolsDone, round.SymbolsFailed));
        var served = v.Mock.Requests.All;
        Assert.All(served, r => Assert.Equal(("1Min", 200), (r.Timeframe, r.Status)));
        var firsts = served.Where(r => r.PageToken is null).ToList();
        Assert.Equal((Universe.Length + Batch - 1) / Batch, firsts.Count);
        Assert.All(firsts, r => Assert.InRange(r.Symbols.Count, 1, Batch));
        Assert.Equal(Universe.Order(StringComparer.Ordinal),
            firsts.SelectMany(r => r.Symbols).Order(StringComparer.Ordinal));

        // The round fetches its new minute and the two before it again (corrections).
        var minute = await v.TruthAsync(
            Universe.Select(Symbol.Parse), BarInterval.M1, Ten01 - Duration.FromMinutes(3), Ten01);
        var pages = firsts.Sum(
            r => PagesFor(r.Symbols.Sum(s => minute[Symbol.Parse(s)].Count), 64));
        Assert.Equal(pages, served.Count);
        Assert.True(served.Count > firsts.Count, "no request ran over a page");

        await v.AssertStoredEqualsTruthAsync(Universe, BarInterval.M1, Open, Ten01);

        // and the gateway serves them, fresh, without asking the vendor again
        v.Mock.Requests.Clear();
        foreach (var symbol in new[] { "AAPL", "BRK.B", Universe[^1] })
        {
            var answer = await HttpJson.GetAsync(
                v.Node.Http, $"/api/v1/candles/{symbol}?interval=1m&limit=1000");
            var truth = await v.TruthAsync([Symbol.Parse(symbol)], BarInterval.M1, Open, Ten01);
            Assert.True(answer.Status == 200, answer.ToString());
            Assert.True(answer.Fresh(), answer.ToString());
            Assert.Equal(truth.Single().Value.Select(c => c.Start), answer.Starts());
        }

        Assert.Equal(0, v.Mock.Requests.Count);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_fault_through_a_whole_round_is_made_good_by_the_next_round(int status)
    {
        // arrange: the vendor refuses every attempt of the next round's two requests. It
        // says Retry-After: 0 because the node's retries wait on the market clock, which only
        // this test moves; backoff timing has its own tests in Vendors.Tests.
        await using var v = await MockVendorNode.StartAsync("alpaca", Start, Universe, OneSession);
        await v.Node.WaitForStartupRoundsAsync();
        var attempts = 2 * (1 + new VendorResilienceOptions().MaxRetries);
        var faults = v.Mock.Faults;
        faults.RetryAfterSeconds = 0;
        faults.RetryAfterOnServerErrors = true;
        if (status == 429)
            faults.TooManyRequests(attempts);
        else
            faults.ServerErrors(attempts);
        v.Mock.Requests.Clear();

        // act: the 10:01 round meets the fault; it is over by the 10:02 round
        v.Node.AdvanceTo(Ten01 + Settle);
        var failed = await RoundUpToAsync(v, Ten01);
        var refused = v.Mock.Requests.All.Select(r => r.Status).ToList();
        await v.Node.WaitForTimersAsync();
        v.Node.AdvanceTo(Ten02 + Settle);
        var next = await RoundUpToAsync(v, Ten02);

        // assert: the fault failed every symbol of its round, by name, and wedged nothing;
        // the next round brought both minutes, and the store holds each bar exactly once
        Assert.Equal((0, Universe.Length), (failed.SymbolsDone, failed.SymbolsFailed));
        Assert.Contains(status == 429 ? "RateLimited" : "VendorDown", failed.Failures);
        Assert.Equal(Enumerable.Repeat(status, attempts), refused);
        Assert.Equal((Universe.Length, 0), (next.SymbolsDone, next.SymbolsFailed));
        await v.AssertStoredEqualsTruthAsync(Universe, BarInterval.M1, Open, Ten02);
    }

    [Fact]
    public async Task A_short_429_storm_is_ridden_out_inside_the_round()
    {
        // arrange: fewer refusals than one request's retries
        await using var v = await MockVendorNode.StartAsync("alpaca", Start, Universe, OneSession);
        await v.Node.WaitForStartupRoundsAsync();
        v.Mock.Faults.RetryAfterSeconds = 0;
        v.Mock.Faults.TooManyRequests(2);
        v.Mock.Requests.Clear();

        // act
        v.Node.AdvanceTo(Ten01 + Settle);
        var round = await RoundUpToAsync(v, Ten01);

        // assert: retried, not failed; two 429s, then each request once more
        Assert.Equal((Universe.Length, 0), (round.SymbolsDone, round.SymbolsFailed));
        Assert.Equal(2, v.Mock.Requests.All.Count(r => r.Status == 429));
        Assert.Equal(2, v.Mock.Requests.All.Count(r => r.Status == 200));
        await v.AssertStoredEqualsTruthAsync(Universe, BarInterval.M1, Open, Ten01);
    }

    [Fact]
    public async Task A_symbol_with_broken_data_fails_alone_and_its_rounds_then_back_off()
    {
        // arrange: the vendor answers every request naming T042 with wrong types
        await using var v = await MockVendorNode.StartAsync("alpaca", Start, Universe, OneSession);
        await v.Node.WaitForStartupRoundsAsync();
        v.Mock.Faults.PoisonedSymbol = "T042";
        var rounds = new List<Actors.Protocol.IntervalProtocol.RoundReport>();
        var requests = new List<List<MockVendor.ServedRequest>>();

        // act: four rounds, 10:01 to 10:04
        for (var minute = 1; minute <= 4; minute++)
        {
            v.Mock.Requests.Clear();
            var upTo = Et.At(2026, 12, 3, 10, minute);
            v.Node.AdvanceTo(upTo + Settle);
            rounds.Add(await RoundUpToAsync(v, upTo));
            requests.Add([.. v.Mock.Requests.All.Where(r => r.Timeframe == "1Min")]);
            await v.Node.WaitForTimersAsync();
        }

        // assert: each round stored the other 149 symbols and failed T042 by name
        Assert.All(rounds, r => Assert.Equal((Universe.Length - 1, 1),
            (r.SymbolsDone, r.SymbolsFailed)));
        Assert.All(rounds, r => Assert.Contains("MalformedReply", r.Failures));
        var healthy = Universe.Where(s => s != "T042").ToList();
        await v.AssertStoredEqualsTruthAsync(
            healthy, BarInterval.M1, Open, Et.At(2026, 12, 3, 10, 4));

        // the first round halved T042's batch down to it: each request naming it named half
        // the symbols of the one before, the last named T042 alone
        var chain = requests[0].Where(r => r.Symbols.Contains("T042"))
            .Select(r => r.Symbols.Count)
            .ToList();
        Assert.InRange(chain.Count, 2, 8);
        Assert.Equal(1, chain[^1]);
        for (var i = 1; i < chain.Count; i++)
            Assert.InRange(chain[i], chain[i - 1] / 2, (chain[i - 1] + 1) / 2);

        // then its range lagged the others' (its watermark stayed): one request of its own
        foreach (var served in requests.Skip(1).Take(2))
        {
            var own = Assert.Single(served, r => r.Symbols.Contains("T042"));
            Assert.Equal(["T042"], own.Symbols);
        }

        // the fourth round skipped it and asked for the rest only, each once
        Assert.Contains("not asked again until", rounds[3].Failures);
        Assert.DoesNotContain(requests[3], r => r.Symbols.Contains("T042"));
        Assert.Equal(healthy.Order(StringComparer.Ordinal),
            requests[3].SelectMany(r => r.Symbols).Order(StringComparer.Ordinal));
    }

    private static Task<Actors.Protocol.IntervalProtocol.RoundReport> RoundUpToAsync(
        MockVendorNode v, Instant upTo) =>
        v.Node.Rounds.WaitAsync(
            r => r.Interval == BarInterval.M1 && r.UpTo == upTo, $"the 1m round up to {upTo}");

    private static int PagesFor(int bars, int pageSize) =>
        Math.Max(1, (bars + pageSize - 1) / pageSize);
}
