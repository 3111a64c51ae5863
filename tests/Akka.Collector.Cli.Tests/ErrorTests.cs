using System.Net;
using System.Net.Sockets;
using Akka.Collector.Cli.Tests.Support;

namespace Akka.Collector.Cli.Tests;

/// <summary>
/// Every way a command can fail ends in one line on stderr and a non-zero exit code that
/// says which kind of failure it was.
/// </summary>
public sealed class ErrorTests(CliNode node) : IClassFixture<CliNode>
{
    [Fact]
    public async Task A_node_that_is_not_there_is_reported_as_unreachable()
    {
        // arrange: a loopback port nothing listens on any more
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        // act
        var run = await Ctl.RunAsync(
            null, "cluster", "show", "--url", $"http://127.0.0.1:{port}", "--token", "x");

        // assert
        Assert.Equal(3, run.ExitCode);
        Assert.Empty(run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith(
            $"collectorctl: cannot reach the node at http://127.0.0.1:{port}/", line);
        Assert.Contains("COLLECTOR_URL", line);
    }

    [Fact]
    public async Task A_wrong_token_is_reported_as_unauthorized_with_the_nodes_reason()
    {
        // act
        var run = await Ctl.RunAsync(
            null, "cluster", "show", "--url", node.Url, "--token", "not-the-token");

        // assert
        Assert.Equal(4, run.ExitCode);
        Assert.Equal(
            "collectorctl: 401 Admin token rejected: " +
            "The bearer token does not match this node's admin token",
            Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task No_token_at_all_says_where_to_give_one()
    {
        // act
        var run = await Ctl.RunAsync(null, "cluster", "down-unreachable", "--url", node.Url);

        // assert
        Assert.Equal(4, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("collectorctl: 401 Admin token required:", line);
        Assert.EndsWith("pass --token or set COLLECTOR_ADMIN_TOKEN", line);
    }

    [Fact]
    public async Task Url_and_token_come_from_the_environment_when_not_given()
    {
        // arrange
        var environment = new Dictionary<string, string>
        {
            ["COLLECTOR_URL"] = node.Url,
            ["COLLECTOR_ADMIN_TOKEN"] = CliNode.Token,
        };

        // act
        var run = await Ctl.RunAsync(environment, "cluster", "show");

        // assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(node.SelfAddress, run.Out);
    }

    [Fact]
    public async Task A_404_from_the_node_is_one_line_and_exit_code_1()
    {
        // act: a symbol that is in no universe (404 whether or not the endpoint exists yet)
        var run = await Ctl.AdminAsync(node, "symbols", "remove", "ZZZZ");

        // assert: the node's reason, or the request when the node gave none
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("collectorctl: 404 ", line);
        Assert.Contains("ZZZZ", line);
    }

    [Theory]
    [InlineData("collect", "now", "--interval", "5m")]
    [InlineData("collect", "now", "AAPL", "--all", "--interval", "5m")]
    [InlineData("collect", "now", "AAPL")]
    [InlineData("cluster", "bogus")]
    public async Task A_wrong_command_line_is_a_usage_error_and_calls_nothing(params string[] args)
    {
        // act: nothing listens at the URL, so a call would fail as unreachable (3)
        var run = await Ctl.RunAsync(null, [.. args, "--url", "http://127.0.0.1:1"]);

        // assert
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("collectorctl: ", Assert.Single(run.ErrorLines));
    }
}
