using System.Text.Json;
using Akka.Collector.Cli.Tests.Support;

namespace Akka.Collector.Cli.Tests;

/// <summary>symbols list, collect now, queue show and gaps show against a real node whose
/// universe none of them changes.</summary>
public sealed class CollectionCommandTests(CliNode node) : IClassFixture<CliNode>
{
    [Fact]
    public async Task Symbols_list_prints_the_configured_universe()
    {
        // act
        var run = await Ctl.AdminAsync(node, "symbols", "list");

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("universe (3): AAPL MSFT SPY", run.Out);
        Assert.Contains("onboarding: none", run.Out);
    }

    [Fact]
    public async Task Collect_now_of_a_symbol_and_range_says_what_it_queued()
    {
        // act: times to the minute with Z, as README shows them
        var run = await Ctl.AdminAsync(node, "collect", "now", "AAPL", "--interval", "5m",
            "--from", "2026-11-30T14:30Z", "--to", "2026-11-30T21:00Z");

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Error);
        Assert.Contains("queued 1 collection(s) of AAPL at 5m", run.Out);
    }

    [Fact]
    public async Task Collect_now_with_an_offset_time_and_json_prints_the_nodes_answer()
    {
        // act: a local New York time, as an operator may type it
        var run = await Ctl.AdminAsync(node, "collect", "now", "MSFT", "--interval", "1h",
            "--from", "2026-11-30T09:30:00-05:00", "--json");

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        var answer = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(1, answer.GetProperty("queued").GetInt32());
        Assert.Equal(0, answer.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task Collect_now_with_a_time_without_offset_prints_the_nodes_400()
    {
        // act: no zone, which collectorctl once read as this machine's own
        var run = await Ctl.AdminAsync(node, "collect", "now", "AAPL", "--interval", "5m",
            "--from", "2026-11-30T09:30");

        // assert: the node names the parameter and the forms it takes
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("collectorctl: 400 Invalid parameter 'from':", line);
        Assert.Contains("with offset", line);
    }

    [Fact]
    public async Task Collect_now_all_queues_one_collection_per_symbol()
    {
        // act
        var run = await Ctl.AdminAsync(node, "collect", "now", "--all", "--interval", "1d");

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("queued 3 collection(s) of the whole universe at 1d", run.Out);
    }

    [Fact]
    public async Task Collect_now_with_an_unknown_interval_prints_the_nodes_400()
    {
        // act
        var run = await Ctl.AdminAsync(node, "collect", "now", "AAPL", "--interval", "7m");

        // assert
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("collectorctl: 400 Invalid parameter 'interval':", line);
        Assert.Contains("'7m'", line);
    }

    [Fact]
    public async Task Queue_show_prints_the_depth_and_both_parts()
    {
        // act
        var table = await Ctl.AdminAsync(node, "queue", "show");
        var json = await Ctl.AdminAsync(node, "queue", "show", "--json");

        // assert
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"(?m)^depth: \d+$", table.Out);
        Assert.Contains(table.Out.Split('\n'),
            l => l.StartsWith("running") || l.Contains(" running "));
        Assert.Contains(table.Out.Split('\n'),
            l => l.StartsWith("queued") || l.Contains(" queued "));
        var answer = JsonDocument.Parse(json.Out).RootElement;
        Assert.True(answer.GetProperty("depth").GetInt32() >= 0, json.Out);
    }

    [Fact]
    public async Task Gaps_show_prints_open_and_quarantined_gaps_and_the_oldest_age()
    {
        // act
        var run = await Ctl.AdminAsync(node, "gaps", "show");

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(run.Out.Contains("open: none")
            ? @"(?m)^oldest open gap: none$"
            : @"(?m)^oldest open gap: [\d.]+ s$", run.Out);
        Assert.Contains(run.Out.Split('\n'), l => l.StartsWith("open") || l.Contains(" open "));
        Assert.Contains("quarantined: none", run.Out);
    }
}
