using Akka.Collector.Cli.Tests.Support;

namespace Akka.Collector.Cli.Tests;

/// <summary>intervals, from the public status endpoint, against a real node.</summary>
public sealed class IntervalCommandTests(CliNode node) : IClassFixture<CliNode>
{
    [Fact]
    public async Task Intervals_prints_a_row_for_every_interval()
    {
        // act: the status endpoint is public, so no token is needed
        var run = await Ctl.RunAsync(null, "intervals", "--url", node.Url);

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("vendor synthetic, universe 3 symbols", run.Out);
        var rows = run.Out.Split('\n').Where(l => l.StartsWith("│ ")).ToList();
        foreach (var interval in new[] { "1m", "2m", "5m", "15m", "30m", "1h", "2h", "4h", "1d" })
            Assert.Contains(rows, r => r.StartsWith($"│ {interval} "));
    }
}
