using Akka.Actor;
using Akka.Collector.Actors.Hosting;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// A stale symbol under load and under a vendor outage: many charts cost one fetch, and a
/// client polling while the vendor is down is told so (502), never sent round on 503s; the
/// first poll after the vendor is back gets the data.
/// </summary>
public sealed class StaleSymbolLoadTests
{
    private static readonly Symbol Zzzz = Symbol.Parse("ZZZZ");
    private const string Chart = "/api/v1/candles/ZZZZ?interval=5m";

    [Fact]
    public async Task Hundred_charts_of_a_stale_symbol_cost_one_fetch_and_all_get_the_data()
    {
        // arrange: ZZZZ (outside the universe) is stored up to 12:00 and stale at 12:05:05
        var (node, vendor) = await StaleAsync();
        await using var _ = node;
        var before = vendor.Requests.Count(r => r.Symbols.Contains(Zzzz));

        // act
        var answers = await Task.WhenAll(
            Enumerable.Range(0, 100).Select(_ => HttpJson.GetAsync(node.Http, Chart)));

        // assert: one vendor request for ZZZZ, and every chart fresh up to 12:05
        Assert.Equal(1, vendor.Requests.Count(r => r.Symbols.Contains(Zzzz)) - before);
        Assert.All(answers, a => Assert.True(a.Status == 200 && a.Fresh(), a.ToString()));
        Assert.All(answers, a => Assert.Equal(NoonNode.Noon, a.LastStart()));
    }

    [Fact]
    public async Task Polling_while_the_vendor_is_down_is_told_so_and_gets_200_once_it_is_back()
    {
        // arrange
        var (node, vendor) = await StaleAsync();
        await using var _ = node;
        vendor.DownWhen(r => r.Symbols.Contains(Zzzz));

        // act: three polls while the vendor is down, one after it is back
        var down = new List<HttpJson>();
        for (var i = 0; i < 3; i++)
            down.Add(await HttpJson.GetAsync(node.Http, Chart));
        vendor.DownWhen(_ => false);
        var back = await HttpJson.GetAsync(node.Http, Chart);

        // assert: each poll named the fault (502 VendorDown), none was a 503 to retry
        Assert.All(down, a => Assert.True(a.Status == 502, a.ToString()));
        Assert.All(down, a => Assert.Equal("VendorDown", a.Body.GetProperty("fault").GetString()));
        Assert.True(back.Status == 200 && back.Fresh(), back.ToString());
    }

    private static async Task<(TestNode, ScriptedVendor)> StaleAsync()
    {
        ScriptedVendor? vendor = null;
        var node = await TestNode.StartAsync(
            NoonNode.Noon + Duration.FromSeconds(40), NoonNode.Universe,
            vendor: sp => vendor = new ScriptedVendor(Synthetic.For(sp)));
        await node.WaitForStartupRoundsAsync();

        // Collected once by its entity, as a chart of days ago would have, up to 12:00.
        var region = await node.Services.GetRequiredService<IRequiredActor<SymbolRegion>>()
            .GetAsync();
        var collected = await region.Ask<ICollectorMessage>(
            new SymbolProtocol.Collect(Zzzz, BarInterval.M5, NoonNode.Noon, RoundId: 0),
            TimeSpan.FromSeconds(30));
        Assert.IsType<SymbolProtocol.Collected>(collected);

        // 12:05 closes; the rounds collect the universe only.
        node.AdvanceTo(NoonNode.Noon + Duration.FromSeconds(305));
        await node.Rounds.WaitAsync(
            r => r.Interval == BarInterval.M5 && r.UpTo == NoonNode.Noon + Duration.FromMinutes(5),
            "the 12:05 5m round");
        return (node, vendor!);
    }
}
