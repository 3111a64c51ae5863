using System.Text.Json;
using Akka.Collector.Cli.Tests.Support;

namespace Akka.Collector.Cli.Tests;

/// <summary>cluster show | leave | down-unreachable | sharding regions, against a real
/// node.</summary>
public sealed class ClusterCommandTests(CliNode node) : IClassFixture<CliNode>
{
    [Fact]
    public async Task Cluster_show_prints_the_node_up_as_leader_with_its_role()
    {
        // act
        var run = await Ctl.AdminAsync(node, "cluster", "show");

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Error);
        Assert.Contains($"self:   {node.SelfAddress}", run.Out);
        Assert.Contains($"leader: {node.SelfAddress}", run.Out);
        var row = Assert.Single(
            run.Out.Split('\n'), l => l.Contains("collector") && l.Contains('│'));
        Assert.Contains(node.SelfAddress, row);
        Assert.Contains(" Up ", row);
        Assert.Contains("unreachable: none", run.Out);
    }

    [Fact]
    public async Task Cluster_show_with_json_prints_the_nodes_answer()
    {
        // act
        var run = await Ctl.AdminAsync(node, "cluster", "show", "--json");

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        var answer = JsonDocument.Parse(run.Out).RootElement;
        var member = Assert.Single(answer.GetProperty("members").EnumerateArray());
        Assert.Equal(node.SelfAddress, member.GetProperty("address").GetString());
        Assert.Equal("Up", member.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Sharding_regions_prints_the_symbol_region_on_this_node()
    {
        // arrange: a chart asking for what is stored makes AAPL's entity answer, so the
        // region hosts at least that shard
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        using var chart = await http.GetAsync("/api/v1/candles/AAPL?interval=1d&allowStale=true");
        Assert.True(chart.IsSuccessStatusCode, await chart.Content.ReadAsStringAsync());

        // act
        var table = await Ctl.AdminAsync(node, "cluster", "sharding", "regions");
        var json = await Ctl.AdminAsync(node, "cluster", "sharding", "regions", "--json");

        // assert: the region the node started, hosted here
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(table.Out.Split('\n'),
            l => l.Contains("symbol") && l.Contains(node.SelfAddress));
        var region = Assert.Single(
            JsonDocument.Parse(json.Out).RootElement.GetProperty("regions").EnumerateArray(),
            r => r.GetProperty("typeName").GetString() == "symbol");
        var here = Assert.Single(region.GetProperty("nodes").EnumerateArray());
        Assert.Equal(node.SelfAddress, here.GetProperty("address").GetString());
        Assert.True(here.GetProperty("entityCount").GetInt32() >= 1, json.Out);
    }

    [Fact]
    public async Task Down_unreachable_on_a_healthy_cluster_says_nothing_was_downed()
    {
        // act
        var run = await Ctl.AdminAsync(node, "cluster", "down-unreachable");

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("nothing downed", run.Out);
    }

    [Fact]
    public async Task Leave_of_an_address_that_is_no_member_fails_with_the_nodes_reason()
    {
        // act: Petabridge.Cmd's shape, -a <address>
        var run = await Ctl.AdminAsync(
            node, "cluster", "leave", "-a", "akka.tcp://collector@10.9.9.9:4053");

        // assert: one line, the 404 and the node's own words, exit code 1
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("collectorctl: 404 No such member:", line);
        Assert.Contains("10.9.9.9:4053", line);
    }

    [Fact]
    public async Task Leave_of_a_malformed_address_prints_the_problem_the_node_returned()
    {
        // act
        var run = await Ctl.AdminAsync(node, "cluster", "leave", "not-an-address");

        // assert
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("collectorctl: 400 Invalid parameter 'address':", line);
    }

    [Fact]
    public async Task Leave_without_an_address_is_a_usage_error()
    {
        // act
        var run = await Ctl.AdminAsync(node, "cluster", "leave");

        // assert
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("needs the member's address", Assert.Single(run.ErrorLines));
    }
}
