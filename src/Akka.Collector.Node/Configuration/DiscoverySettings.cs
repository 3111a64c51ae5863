using Akka.Configuration;

namespace Akka.Collector.Node.Configuration;

/// <summary>
/// How a node finds the others (collector.cluster). Without discovery it joins
/// collector.node.seed-nodes, or forms a one-node cluster when there are none. With
/// kubernetes, Akka.Management's cluster bootstrap finds the pods labelled
/// app=&lt;service-name&gt; through the Kubernetes API and probes their management port.
/// </summary>
public sealed record DiscoverySettings(
    bool Kubernetes,
    string? ManagementHostname,
    int ManagementPort,
    string ServiceName,
    int RequiredContactPoints)
{
    public const string ManagementPortName = "management";

    public static DiscoverySettings From(Config root, NodeSettings node)
    {
        var c = new ConfigReader(
            root.GetConfig("collector.cluster") ?? Config.Empty, "collector.cluster");

        var kind = c.String("discovery", "").Trim();
        var kubernetes = kind switch
        {
            "" or "none" => false,
            "kubernetes" => true,
            _ => throw c.Bad("discovery", kind, "empty (seed nodes or self-join) or kubernetes"),
        };
        if (kubernetes && node.SeedNodes.Count > 0)
        {
            throw c.Bad("discovery", kind,
                "no discovery while collector.node.seed-nodes is set (bootstrap finds the seeds)");
        }

        var hostname = c.String("management.hostname", "").Trim();
        return new DiscoverySettings(
            kubernetes,
            hostname.Length == 0 ? null : hostname,
            c.Int("management.port", 8558, min: 1, max: 65535),
            c.String("bootstrap.service-name", "collector").Trim(),
            c.Positive("bootstrap.required-contact-points", 2));
    }
}
