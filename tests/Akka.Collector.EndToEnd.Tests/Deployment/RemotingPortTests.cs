using System.Net;
using System.Net.Sockets;
using Akka.Collector.EndToEnd.Tests.Harness;

namespace Akka.Collector.EndToEnd.Tests.Deployment;

/// <summary>
/// A node does not start on a remoting port another process listens on: the transport's
/// reuse option would otherwise let it share the port with that process.
/// </summary>
public sealed class RemotingPortTests
{
    [Fact]
    public async Task A_node_refuses_a_remoting_port_another_process_listens_on()
    {
        // arrange: something else listens on a loopback port
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;

        // act
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TestNode.StartAsync(Et.At(2026, 12, 3, 12, 0), ["AAPL"],
                $"collector.node {{ hostname = \"127.0.0.1\", port = {port} }}"));

        // assert
        Assert.Contains($"collector.node.port = '{port}'", refused.Message);
        Assert.Contains($"127.0.0.1:{port}", refused.Message);
        Assert.Contains("COLLECTOR_PORT", refused.Message);
    }

    [Fact]
    public async Task A_fixed_port_nothing_listens_on_is_taken()
    {
        // arrange: a port that was listened on and is closed again
        var port = FreeLoopbackPort();

        // act
        await using var node = await TestNode.StartAsync(Et.At(2026, 12, 3, 12, 0), ["AAPL"],
            $"collector.node {{ hostname = \"127.0.0.1\", port = {port} }}");

        // assert
        await node.WaitForStartupRoundsAsync();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
