using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Collector.Actors;
using Akka.Collector.Actors.Hosting;
using Akka.Collector.Node.Configuration;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using LinqToDB;

namespace Akka.Collector.Node.Composition;

/// <summary>The actor system of a node, one line per part.</summary>
public static class CollectorAkka
{
    public const string SystemName = "collector";

    public static IServiceCollection AddCollectorAkka(
        this IServiceCollection services, NodeSettings settings, Config hocon)
    {
        var discovery = DiscoverySettings.From(hocon, settings);
        return services.AddAkka(SystemName, (akka, sp) =>
        {
            var collection = sp.GetRequiredService<CollectionSettings>();

            akka.AddHocon(hocon, HoconAddMode.Prepend)
                .ConfigureLoggers(log =>
                {
                    log.ClearLoggers();
                    log.AddLoggerFactory();
                })
                .WithRemoting(new RemoteOptions
                {
                    HostName = settings.BindHostname ?? settings.Hostname,
                    PublicHostName = settings.Hostname,
                    Port = settings.Port,
                })
                .WithClustering(new ClusterOptions
                {
                    Roles = [.. settings.Roles.Names],
                    SeedNodes = [.. settings.SeedNodes],
                })
                .WithCollectorPersistence(settings)
                .WithQueueProxies()
                .WithRoleParts(settings, collection)
                .WithIntervalProxies()
                .WithBudgetKeeper()
                .WithClusterDiscovery(discovery, settings)
                .WithActors((system, _) => JoinSelfWhenAlone(system, settings, discovery));
        });
    }

    // A collector hosts the work; a gateway-only node reaches it through proxies.
    private static AkkaConfigurationBuilder WithRoleParts(
        this AkkaConfigurationBuilder akka, NodeSettings settings,
        CollectionSettings collection) =>
        settings.Roles.Collector
            ? akka.WithUpstreamBatchers(collection)
                .WithSymbolEntities(collection)
                .WithCollectionQueue(collection, settings.Queue)
                .WithIntervalCollectors(collection)
                .WithGapFiller(collection, settings.Gaps)
            : akka.WithSymbolRegionProxy(collection);

    // With no seed nodes configured the node forms a one-node cluster by itself, unless
    // cluster bootstrap is to find the others.
    private static void JoinSelfWhenAlone(
        ActorSystem system, NodeSettings settings, DiscoverySettings discovery)
    {
        if (settings.SeedNodes.Count > 0 || discovery.Kubernetes)
            return;

        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
    }
}
