using System.Net;
using System.Net.Sockets;
using Akka.Cluster;
using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.Node;
using Akka.Collector.Node.Composition;
using Akka.Management.Dsl;

namespace Akka.Collector.EndToEnd.Tests.Deployment;

/// <summary>
/// collector.cluster.discovery: off, a node forms its own cluster as before; kubernetes,
/// it serves Akka.Management for the other pods' bootstrap and never joins itself alone.
/// No Kubernetes API is reachable here, so no test sees the pods find each other.
/// </summary>
public sealed class DiscoveryTests
{
    // Known issue: Akka.Http.Shim 1.5.73 was built against Ceen.Httpd 0.9.9; the registry
    // serves only 0.9.10, whose HttpServer.ListenAsync signature differs, so the management
    // server fails to bind (MissingMethodException) and no bootstrap can form a cluster.
    // Un-skip when a matching Ceen.Httpd or a rebuilt Akka.Management is served.
    [Fact(Skip = "Akka.Management 1.5.73 cannot bind with Ceen.Httpd 0.9.10 (see comment)")]
    public async Task With_kubernetes_discovery_the_node_serves_bootstrap_and_does_not_self_join()
    {
        // arrange: a free loopback port for the management HTTP server
        var port = FreeLoopbackPort();
        var hocon = $$"""
            collector.cluster {
              discovery = kubernetes
              management { hostname = "127.0.0.1", port = {{port}} }
            }
            """;

        // act
        await using var node = await TestNode.StartAsync(NoonNode.Noon, NoonNode.Universe, hocon);

        // the bootstrap starts the management server as the node starts; this waits for its
        // binding (a second Start returns the first one's task)
        var bound = await AkkaManagement.Get(node.System).Start();
        using var management = new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };
        var seeds = await management.GetAsync("/bootstrap/seed-nodes");
        var ready = await HttpJson.GetAsync(node.Http, "/healthz/ready");

        // assert: the contact-point route answers; without the other pods the node stays out
        // of any cluster, so it is not ready
        Assert.Equal(port, bound!.Port);
        Assert.Equal(HttpStatusCode.OK, seeds.StatusCode);
        Assert.NotEqual(MemberStatus.Up, Cluster.Cluster.Get(node.System).SelfMember.Status);
        Assert.Equal(503, ready.Status);
    }

    [Theory]
    [InlineData("collector.cluster.discovery = consul", "collector.cluster.discovery")]
    [InlineData("""
        collector.cluster.discovery = kubernetes
        collector.node.seed-nodes = ["akka.tcp://collector@127.0.0.1:4053"]
        """, "collector.node.seed-nodes")]
    [InlineData("collector.cluster.management.port = 0", "collector.cluster.management.port")]
    public void A_bad_discovery_setting_stops_the_node_naming_the_key(string hocon, string key)
    {
        // act
        var error = Assert.Throws<InvalidOperationException>(() => CollectorNode.Build(
            [], new NodeOverrides { Hocon = hocon + "\ncollector.gateway.port = 0" }));

        // assert
        Assert.Contains(key, error.Message);
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
