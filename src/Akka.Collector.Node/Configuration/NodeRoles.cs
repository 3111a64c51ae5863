using Akka.Collector.Actors.Hosting;

namespace Akka.Collector.Node.Configuration;

/// <summary>
/// What a node does in the cluster. A collector hosts this node's upstream batchers, symbol
/// shards and the interval singletons' managers; a gateway serves the chart API. Every node
/// serves health and status. One binary, so a cluster can grow collectors and gateways apart.
/// </summary>
public sealed record NodeRoles(bool Collector, bool Gateway)
{
    public const string GatewayRole = "gateway";

    public static readonly NodeRoles Both = new(Collector: true, Gateway: true);

    /// <summary>The cluster roles this node announces.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var names = new List<string>();
            if (Collector)
                names.Add(CollectorHosting.CollectorRole);
            if (Gateway)
                names.Add(GatewayRole);
            return names;
        }
    }

    public override string ToString() => string.Join(",", Names);

    /// <summary>collector.roles: a list, or "collector,gateway" as the environment gives
    /// it.</summary>
    internal static NodeRoles From(ConfigReader c)
    {
        var names = c.Words("roles");
        if (names.Count == 0)
            return Both;

        var collector = false;
        var gateway = false;
        foreach (var name in names)
        {
            switch (name.Trim().ToLowerInvariant())
            {
                case CollectorHosting.CollectorRole:
                    collector = true;
                    break;
                case GatewayRole:
                    gateway = true;
                    break;
                default:
                    throw c.Bad("roles", string.Join(",", names),
                        "collector, gateway or both (COLLECTOR_ROLES=collector,gateway)");
            }
        }

        return new NodeRoles(collector, gateway);
    }
}
