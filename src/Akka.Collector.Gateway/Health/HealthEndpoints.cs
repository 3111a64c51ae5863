using Akka.Actor;
using Akka.Cluster;
using Akka.Collector.Domain.Calendar;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime.Extensions;

namespace Akka.Collector.Gateway.Health;

/// <summary>
/// Liveness is cheap and checks nothing outside the process, so a slow database or a
/// partitioned cluster never makes Kubernetes restart a healthy node. Readiness checks that
/// the market calendar covers the node's clock (past it no chart can be answered, and a
/// restart does not help: an operator must install a newer calendar file) and that this node
/// is an Up cluster member.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz/live", () => Results.Ok(new { status = "alive" }));
        app.MapGet("/healthz/ready", (
            ActorSystem system, MarketCalendar calendar, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow().ToInstant();
            if (CalendarCoverage.ProblemAt(calendar, now) is { } problem)
            {
                return Results.Json(
                    new { status = "calendar-exhausted", problem, operatorActionNeeded = true },
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var self = Cluster.Cluster.Get(system).SelfMember;
            return self.Status == MemberStatus.Up
                ? Results.Ok(new { status = "ready", member = self.Address.ToString() })
                : Results.Json(new { status = self.Status.ToString() }, statusCode: 503);
        });
        return app;
    }
}
