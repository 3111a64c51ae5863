using Akka.Actor;
using Akka.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Akka.Collector.Gateway.Health;

/// <summary>
/// Liveness is cheap and checks nothing outside the process, so a slow database or a
/// partitioned cluster never makes Kubernetes restart a healthy node. Readiness checks that
/// this node is an Up cluster member.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz/live", () => Results.Ok(new { status = "alive" }));
        app.MapGet("/healthz/ready", (ActorSystem system) =>
        {
            var self = Cluster.Cluster.Get(system).SelfMember;
            return self.Status == MemberStatus.Up
                ? Results.Ok(new { status = "ready", member = self.Address.ToString() })
                : Results.Json(new { status = self.Status.ToString() }, statusCode: 503);
        });
        return app;
    }
}
