using System.Net;
using System.Text.Json;
using Akka.Collector.Cluster.Tests.Harness;
using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Cluster.Tests.Spread;

/// <summary>
/// Three collector processes and one gateway-only process: the symbols spread over the
/// collectors, the gateway hosts none and still serves every chart, and the session stored
/// is the single-node reference and the recorded minutes rolled up.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SpreadTests(ReferenceRun reference)
{
    [ClusterFact]
    public async Task Symbols_spread_over_every_collector_and_a_gateway_serves_them_all()
    {
        // arrange: three collectors and a gateway-only node on one store
        await using var run = await ClusterRun.StartAsync("spread", collectors: 3, gateways: 1);
        var cluster = run.Cluster;
        var gateway = cluster.Nodes[^1];

        // act: the session plays; each collector takes a share of the symbols
        await cluster.WaitForSpreadAsync(TestCluster.ChangeBound);
        foreach (var step in ReplaySession.Steps)
            await cluster.PlayToAsync(step);

        // assert: every collector hosts shards, the gateway none, and no shard is on two nodes
        var shards = await cluster.ShardsAsync();
        Assert.Equal(3, shards.Count);
        Assert.All(shards.Values, s => Assert.NotEmpty(s));
        var ids = shards.Values.SelectMany(s => s.Select(x => x.Shard)).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        var view = await gateway.GetJsonAsync("/api/v1/cluster");
        Assert.Equal(JsonValueKind.Null, view.GetProperty("shards").ValueKind);

        // the gateway-only node serves a symbol of each collector, as stored
        var expected = ReplaySession.Expected();
        foreach (var (_, hosted) in shards)
        {
            var symbol = hosted.SelectMany(s => s.Entities).First();
            var chart = await gateway.GetJsonAsync(
                $"/api/v1/candles/{symbol}?interval=5m&limit=1000");
            Assert.True(chart.GetProperty("fresh").GetBoolean(), $"{symbol} is not fresh");
            Assert.Equal(expected[(symbol, BarInterval.M5)].Count,
                chart.GetProperty("candles").GetArrayLength());
        }

        // a collector that is also a gateway serves charts too
        using var chartOnCollector = await cluster.Nodes[0].Http.GetAsync(
            "/api/v1/candles/AAPL?interval=1m&limit=1");
        Assert.Equal(HttpStatusCode.OK, chartOnCollector.StatusCode);

        await run.AssertStoredAsReferenceAsync(reference);
    }
}
