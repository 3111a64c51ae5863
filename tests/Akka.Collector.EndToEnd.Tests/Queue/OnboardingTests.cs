using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Queue;

/// <summary>
/// A chart for a symbol outside the universe: one onboarding however many ask, costing the
/// vendor what one chart would; 404 for a symbol the vendor does not know; 429 past the cap.
/// </summary>
public sealed class OnboardingTests
{
    private static readonly Symbol NewCo = Symbol.Parse("NEWCO");
    private const string Chart = "/api/v1/candles/NEWCO?interval=5m";

    [Fact]
    public async Task Hundred_charts_of_a_cold_symbol_cost_the_vendor_requests_of_one()
    {
        // arrange: what one chart costs, on a node of its own
        var single = await OnboardAsync(clients: 1);

        // act: a hundred charts at once, on a fresh node
        var hundred = await OnboardAsync(clients: 100);

        // assert: the same vendor requests, and every chart answered (with its data)
        Assert.True(single.Requests > 0, "onboarding asked the vendor nothing");
        Assert.Equal(single.Requests, hundred.Requests);
        Assert.Equal(single.RequestedRanges, hundred.RequestedRanges);
        Assert.All(hundred.Answers, a => Assert.Equal(200, a.Status));
        Assert.All(hundred.Answers, a => Assert.NotEmpty(a.Candles()));
        Assert.Single(hundred.Begun);
    }

    [Fact]
    public async Task A_symbol_the_vendor_does_not_know_is_a_404_and_is_not_asked_again()
    {
        // arrange
        ScriptedVendor? vendor = null;
        await using var node = await StartAsync(v => vendor = v);
        vendor!.Unknown[NewCo] = true;

        // act: a chart, then another after the vendor said no
        var first = await HttpJson.GetAsync(node.Http, Chart);
        await node.Events.WaitAsync<QueueProtocol.SymbolRejected>(
            r => r.Symbol == NewCo, "NEWCO rejected");
        var asked = vendor.Requests.Count(r => r.Symbols.Contains(NewCo));
        var second = await HttpJson.GetAsync(node.Http, Chart);

        // assert: 404 naming the symbol, one vendor check, no second one
        Assert.True(404 == first.Status, first.ToString());
        Assert.Equal(404, second.Status);
        Assert.Contains("NEWCO", second.Text);
        Assert.Equal(1, asked);
        Assert.Equal(asked, vendor.Requests.Count(r => r.Symbols.Contains(NewCo)));
        Assert.DoesNotContain(NewCo, await node.UniverseAsync());
    }

    [Fact]
    public async Task A_client_past_its_onboarding_cap_gets_429_with_retry_after()
    {
        // arrange: one new symbol per client per hour
        await using var node = await StartAsync(_ => { },
            "collector.onboarding { per-client = 1, client-window = 1h }");

        // act: one client asks for two new symbols
        var first = await HttpJson.GetAsync(node.Http, Chart);
        var second = await HttpJson.GetAsync(node.Http, "/api/v1/candles/OTHER?interval=5m");

        // assert: the first is onboarded, the second refused for about the rest of the hour
        Assert.Equal(200, first.Status);
        Assert.Equal(429, second.Status);
        var retryAfter = second.Response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.DoesNotContain(Symbol.Parse("OTHER"), await node.UniverseAsync());

        // and says which cap holds (it once blamed a vendor budget that was not set)
        var detail = second.Body.GetProperty("detail").GetString();
        Assert.Contains("this client has added 1 new symbols in the last 1 h", detail);
        Assert.Contains("collector.onboarding.per-client", detail);
    }

    [Fact]
    public async Task An_onboarded_symbol_joins_the_universe_and_the_next_round_collects_it()
    {
        // arrange
        await using var node = await StartAsync(_ => { });

        // act: a chart onboards NEWCO; then 12:05 closes
        var chart = await HttpJson.GetAsync(node.Http, Chart);
        await node.Events.WaitAsync<QueueProtocol.SymbolJoined>(
            j => j.Symbol == NewCo, "NEWCO joined");
        node.AdvanceTo(NoonNode.Noon + Duration.FromSeconds(305));
        var round = await node.Rounds.WaitAsync(
            r => r.Interval == Domain.Intervals.BarInterval.M5
                 && r.UpTo == NoonNode.Noon + Duration.FromMinutes(5),
            "the 12:05 5m round");

        // assert: the round counted NEWCO among its symbols, and the chart is now fresh
        Assert.Equal(200, chart.Status);
        Assert.Equal(NoonNode.Universe.Length + 1, round.SymbolsDone);
        var after = await HttpJson.GetAsync(node.Http, Chart);
        Assert.True(after.Fresh(), after.Text);
    }

    private static async Task<Onboarded> OnboardAsync(int clients)
    {
        ScriptedVendor? vendor = null;
        await using var node = await StartAsync(v => vendor = v);

        var answers = await Task.WhenAll(
            Enumerable.Range(0, clients).Select(_ => HttpJson.GetAsync(node.Http, Chart)));
        await node.Events.WaitAsync<QueueProtocol.SymbolJoined>(
            j => j.Symbol == NewCo, "NEWCO joined the universe");

        var requests = vendor!.Requests.Where(r => r.Symbols.Contains(NewCo)).ToList();
        var begun = node.Events.All.OfType<QueueProtocol.OnboardingBegun>()
            .Where(b => b.Symbol == NewCo).ToList();
        return new Onboarded(
            requests.Count,
            [.. requests.Select(r => $"{r.Interval} {r.Range}").Order(StringComparer.Ordinal)],
            answers,
            begun);
    }

    private static async Task<TestNode> StartAsync(Action<ScriptedVendor> seen, string hocon = "")
    {
        var node = await TestNode.StartAsync(
            NoonNode.Noon + Duration.FromSeconds(40), NoonNode.Universe, hocon,
            vendor: sp =>
            {
                var vendor = new ScriptedVendor(Synthetic.For(sp));
                seen(vendor);
                return vendor;
            });
        await node.WaitForStartupRoundsAsync();
        return node;
    }

    private sealed record Onboarded(
        int Requests,
        IReadOnlyList<string> RequestedRanges,
        IReadOnlyList<HttpJson> Answers,
        IReadOnlyList<QueueProtocol.OnboardingBegun> Begun);
}
