using Akka.Actor;
using Akka.Cluster.Sharding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Akka.Collector.Gateway.Admin;

/// <summary>
/// GET /api/v1/admin/sharding/regions: every shard region of the cluster, with the shards
/// each node hosts and their live entities, from Akka.Cluster.Sharding's own stats query.
/// </summary>
public static class ShardingEndpoints
{
    // Every region of every node must answer within this; one that does not is listed as
    // failed by the sharding query rather than holding the call.
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapShardingEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/sharding/regions", Regions);
        return admin;
    }

    private static async Task<IResult> Regions(ActorSystem system)
    {
        var sharding = ClusterSharding.Get(system);
        var regions = new List<object>();
        foreach (var typeName in sharding.ShardTypeNames.OrderBy(n => n, StringComparer.Ordinal))
        {
            try
            {
                var stats = await sharding.ShardRegion(typeName).Ask<ClusterShardingStats>(
                    new GetClusterShardingStats(StatsTimeout),
                    StatsTimeout + TimeSpan.FromSeconds(1));
                regions.Add(ToRegion(typeName, stats));
            }
            catch (AskTimeoutException)
            {
                return Results.Problem(
                    title: "Sharding did not answer",
                    detail: $"The {typeName} region gave no statistics within " +
                            $"{StatsTimeout.TotalSeconds:0} s; 'cluster show' tells whether " +
                            "its coordinator's node is reachable.",
                    statusCode: StatusCodes.Status504GatewayTimeout);
            }
        }

        return Results.Json(new { regions });
    }

    private static object ToRegion(string typeName, ClusterShardingStats stats)
    {
        var nodes = stats.Regions
            .OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
            .Select(r => new
            {
                address = r.Key.ToString(),
                shards = r.Value.Stats
                    .OrderBy(s => s.Key, StringComparer.Ordinal)
                    .Select(s => new { id = s.Key, entities = s.Value })
                    .ToList(),
                shardCount = r.Value.Stats.Count,
                entityCount = r.Value.Stats.Values.Sum(),
                failed = r.Value.Failed.OrderBy(s => s, StringComparer.Ordinal).ToList(),
            })
            .ToList();

        return new
        {
            typeName,
            shardCount = nodes.Sum(n => n.shardCount),
            entityCount = nodes.Sum(n => n.entityCount),
            nodes,
        };
    }
}
