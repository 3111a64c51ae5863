using Akka.Collector.Gateway.Candles;
using Akka.Collector.Gateway.Health;
using Akka.Collector.Gateway.Status;
using Akka.Collector.Node.ClusterView;
using Akka.Collector.Node.Configuration;

namespace Akka.Collector.Node.Composition;

/// <summary>The HTTP endpoints a node serves for its roles.</summary>
public static class RoleEndpoints
{
    public static IEndpointRouteBuilder MapRoleEndpoints(
        this IEndpointRouteBuilder app, NodeRoles roles)
    {
        // Every node: probes, round status and its view of the cluster.
        app.MapHealthEndpoints().MapStatusEndpoints().MapClusterEndpoint();

        // Charts only where the gateway role is: a collector-only node keeps its cores for
        // collecting, and a load balancer sends chart traffic to the gateways.
        if (roles.Gateway)
            app.MapCandleEndpoints();
        return app;
    }
}
