using Akka.Collector.Gateway.Admin;
using Akka.Collector.Gateway.Candles;
using Akka.Collector.Gateway.Health;
using Akka.Collector.Gateway.Metrics;
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
        // Every node: probes, round status, its view of the cluster, its own metrics and the
        // admin API (which reaches the cluster's singletons from any node).
        app.MapHealthEndpoints().MapStatusEndpoints().MapClusterEndpoint()
            .MapMetricsEndpoints().MapAdminEndpoints();

        // Charts only where the gateway role is: a collector-only node keeps its cores for
        // collecting, and a load balancer sends chart traffic to the gateways.
        if (roles.Gateway)
            app.MapCandleEndpoints();
        return app;
    }
}
