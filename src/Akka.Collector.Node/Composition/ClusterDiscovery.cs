using Akka.Collector.Node.Configuration;
using Akka.Discovery.KubernetesApi;
using Akka.Hosting;
using Akka.Management;
using Akka.Management.Cluster.Bootstrap;

namespace Akka.Collector.Node.Composition;

/// <summary>
/// Akka.Management, cluster bootstrap and Kubernetes API discovery, on when
/// collector.cluster.discovery = kubernetes; off, the node keeps seed nodes or self-join.
/// </summary>
/// <remarks>
/// Known issue: with the packages the registry serves, the management HTTP server does not
/// start. Akka.Http.Shim 1.5.73 was built against Ceen.Httpd 0.9.9 and only 0.9.10 is
/// served, whose HttpServer.ListenAsync has another signature (MissingMethodException at
/// bind). Without it no pod answers /bootstrap/seed-nodes, so bootstrap never forms a
/// cluster: the node stays unready. The fix is a served Ceen.Httpd 0.9.9 or an
/// Akka.Management built against 0.9.10; until then run several nodes on seed nodes.
/// Also unproven here: Akka.Discovery.KubernetesApi 1.5.73 wants KubernetesClient 17.0.14
/// and gets 19.0.2 (the oldest served), and no Kubernetes API was reachable to try it.
/// </remarks>
public static class ClusterDiscovery
{
    public static AkkaConfigurationBuilder WithClusterDiscovery(
        this AkkaConfigurationBuilder akka, DiscoverySettings discovery, NodeSettings node)
    {
        if (!discovery.Kubernetes)
            return akka;

        // Other pods probe this address for seed nodes: by default the pod IP the node is
        // reached on, served on every interface of the pod.
        return akka
            .WithAkkaManagement(new AkkaManagementOptions
            {
                HostName = discovery.ManagementHostname ?? node.Hostname,
                Port = discovery.ManagementPort,
                BindHostName = discovery.ManagementHostname ?? "0.0.0.0",
                BindPort = discovery.ManagementPort,
            })
            .WithClusterBootstrap(bootstrap =>
            {
                bootstrap.ContactPointDiscovery.ServiceName = discovery.ServiceName;
                bootstrap.ContactPointDiscovery.PortName = DiscoverySettings.ManagementPortName;
                bootstrap.ContactPointDiscovery.RequiredContactPointsNr =
                    discovery.RequiredContactPoints;
            }, autoStart: true)
            .WithKubernetesDiscovery(kubernetes =>
            {
                // Pods labelled app=<service-name>, in the pod's own namespace.
                kubernetes.PodLabelSelector = "app={0}";
            });
    }
}
