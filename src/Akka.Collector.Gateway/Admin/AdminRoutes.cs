using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Akka.Collector.Gateway.Admin;

/// <summary>
/// The token-protected admin API under /api/v1/admin. Every endpoint on a group from
/// <see cref="MapAdminGroup"/> answers 401, and does nothing, unless the request carries
/// <c>Authorization: Bearer &lt;collector.admin.token&gt;</c>.
/// </summary>
public static class AdminRoutes
{
    public const string Prefix = "/api/v1/admin";

    /// <summary>
    /// A route group under /api/v1/admin whose endpoints check the admin token before
    /// anything else runs: before the body is read or bound, so a request without the token
    /// gets a 401 even when its body is malformed, and the handler never sees it. Map admin
    /// endpoints on it, relative to the prefix:
    /// <code>app.MapAdminGroup().MapGet("/queue", GetQueue);</code>
    /// Each call returns a new group; call it once per feature.
    /// </summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix);

        // A finally-convention runs after the handler's request delegate is built (binding and
        // filters included), so the check wraps all of it; an endpoint filter would run after
        // binding and let a bad body answer 400 to a caller without a token.
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var inner = endpoint.RequestDelegate;
            if (inner is not null)
                endpoint.RequestDelegate = context => AdminToken.GuardAsync(context, inner);
        });
        return group;
    }

    /// <summary>Every admin endpoint the gateway itself serves.</summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAdminGroup().MapClusterEndpoints().MapShardingEndpoints()
            .MapCollectionEndpoints();
        return app;
    }
}
