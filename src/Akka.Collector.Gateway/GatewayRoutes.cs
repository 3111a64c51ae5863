using Akka.Collector.Gateway.Admin;
using Akka.Collector.Gateway.Candles;
using Akka.Collector.Gateway.Health;
using Akka.Collector.Gateway.Metrics;
using Akka.Collector.Gateway.Status;
using Microsoft.AspNetCore.Routing;

namespace Akka.Collector.Gateway;

/// <summary>
/// Every endpoint of a node with both roles, in one call (the node itself maps them per role,
/// in Akka.Collector.Node's RoleEndpoints).
/// </summary>
public static class GatewayRoutes
{
    public static IEndpointRouteBuilder MapCollectorGateway(this IEndpointRouteBuilder app) =>
        app.MapCandleEndpoints().MapStatusEndpoints().MapHealthEndpoints()
            .MapMetricsEndpoints()
            .MapAdminEndpoints();
}
