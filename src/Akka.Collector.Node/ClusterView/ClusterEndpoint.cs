using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Collector.Actors.Hosting;
using Akka.Collector.Node.Configuration;
using Akka.Hosting;

namespace Akka.Collector.Node.ClusterView;

/// <summary>
/// GET /api/v1/cluster: this node's view of the cluster, for operators and the multi-process
/// tests: members and their roles, which are unreachable, which collector is oldest (it runs
/// the interval singletons) and the symbol shards this node hosts.
/// </summary>
public static class ClusterEndpoint
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapClusterEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/cluster", GetClusterAsync);
        return app;
    }

    private static async Task<IResult> GetClusterAsync(
        ActorSystem system, ActorRegistry registry, NodeSettings settings)
    {
        var cluster = Cluster.Cluster.Get(system);
        var state = cluster.State;
        var oldest = state.Members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(CollectorHosting.CollectorRole))
            .OrderBy(m => m, Member.AgeOrdering)
            .FirstOrDefault();

        return Results.Json(new
        {
            self = cluster.SelfAddress.ToString(),
            status = cluster.SelfMember.Status.ToString(),
            roles = settings.Roles.Names,
            members = state.Members.Select(m => new
            {
                address = m.Address.ToString(),
                status = m.Status.ToString(),
                roles = m.Roles.OrderBy(r => r, StringComparer.Ordinal).ToList(),
            }).ToList(),
            unreachable = state.Unreachable.Select(m => m.Address.ToString()).ToList(),
            singletonHost = oldest?.Address.ToString(),
            shards = settings.Roles.Collector ? await HostedShardsAsync(registry) : null,
        });
    }

    // The shards this node's region hosts and their entities; null if the region is busy.
    private static async Task<object?> HostedShardsAsync(ActorRegistry registry)
    {
        try
        {
            var state = await registry.Get<SymbolRegion>()
                .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout);
            return state.Shards
                .OrderBy(s => s.ShardId, StringComparer.Ordinal)
                .Select(s => new
                {
                    id = s.ShardId,
                    entities = s.EntityIds.OrderBy(e => e, StringComparer.Ordinal).ToList(),
                })
                .ToList();
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
