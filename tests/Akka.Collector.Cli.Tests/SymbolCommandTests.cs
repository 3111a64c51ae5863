using Akka.Collector.Cli.Tests.Support;

namespace Akka.Collector.Cli.Tests;

/// <summary>symbols add | remove against a node of their own (they change its universe);
/// each test uses a symbol no other touches.</summary>
public sealed class SymbolCommandTests(CliNode node) : IClassFixture<CliNode>
{
    [Fact]
    public async Task Symbols_add_of_a_new_symbol_says_it_is_onboarding()
    {
        // act
        var run = await Ctl.AdminAsync(node, "symbols", "add", "NEWCO");

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("NEWCO: onboarding", run.Out);
    }

    [Fact]
    public async Task Symbols_add_of_a_collected_symbol_says_it_is_in_the_universe()
    {
        // act
        var run = await Ctl.AdminAsync(node, "symbols", "add", "AAPL");

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("AAPL: in-universe", run.Out);
    }

    [Fact]
    public async Task Symbols_remove_drops_the_symbol_from_the_list()
    {
        // act
        var run = await Ctl.AdminAsync(node, "symbols", "remove", "SPY");
        var list = await Ctl.AdminAsync(node, "symbols", "list");

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("SPY removed from the universe", run.Out);
        Assert.DoesNotContain("SPY", list.Out.Split('\n')[0]);
        Assert.Contains("MSFT", list.Out.Split('\n')[0]);
    }

    [Fact]
    public async Task Symbols_remove_of_an_unknown_symbol_prints_the_nodes_404()
    {
        // act
        var run = await Ctl.AdminAsync(node, "symbols", "remove", "ZZZQ");

        // assert
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("collectorctl: 404 Not in the universe:", line);
        Assert.Contains("ZZZQ", line);
    }

    [Fact]
    public async Task Symbols_add_of_a_malformed_symbol_prints_the_nodes_400()
    {
        // act
        var run = await Ctl.AdminAsync(node, "symbols", "add", "BRK-");

        // assert
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("collectorctl: 400 Invalid parameter 'symbol':",
            Assert.Single(run.ErrorLines));
    }
}
