using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Collector.Actors.Budget;
using Akka.Collector.Actors.Gaps;
using Akka.Collector.Actors.Intervals;
using Akka.Collector.Actors.Queue;
using Akka.Collector.Actors.Symbols;
using Akka.Collector.Actors.Telemetry;
using Akka.Collector.Actors.Upstream;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Store;
using Akka.Collector.Vendors;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Collector.Actors.Hosting;

/// <summary>One registration per part, so the node's composition reads as a list of
/// parts.</summary>
public static class CollectorHosting
{
    public const string SymbolRegionName = "symbol";

    /// <summary>
    /// The cluster role of nodes that collect: symbol shards, the shard coordinator and the
    /// interval singletons live only on nodes with it.
    /// </summary>
    public const string CollectorRole = "collector";

    /// <summary>Services the actors take from the container.</summary>
    public static IServiceCollection AddCollectorActorServices(this IServiceCollection services)
    {
        services.AddSingleton<UpstreamDirectory>();
        services.AddSingleton<IntervalDirectory>();
        return services;
    }

    /// <summary>This node's upstream batchers, one per interval.</summary>
    public static AkkaConfigurationBuilder WithUpstreamBatchers(
        this AkkaConfigurationBuilder builder, CollectionSettings settings)
    {
        return builder.WithActors((system, _, resolver) =>
        {
            var directory = resolver.GetService<UpstreamDirectory>();
            foreach (var interval in BarInterval.All)
            {
                var props = UpstreamBatcher.Props(
                    interval,
                    resolver.GetService<IBarSource>(),
                    resolver.GetService<ICandleStore>(),
                    resolver.GetService<BarGrid>(),
                    resolver.GetService<TimeProvider>(),
                    resolver.GetService<WallClock>().Provider,
                    settings,
                    resolver.GetService<RequestBudget>(),
                    resolver.GetService<CollectorMetrics>());
                directory.Register(interval, system.ActorOf(props, $"upstream-{interval.Name}"));
            }
        });
    }

    /// <summary>
    /// This node's budget keeper: the node's share of the vendor budget follows the collector
    /// nodes that are Up, and the plan follows the universe. Registered after the interval
    /// collectors, whose proxies it tells. Tell it
    /// <see cref="BudgetProtocol.UniverseChanged"/> through the registry key
    /// <see cref="BudgetKeeper"/>.
    /// </summary>
    public static AkkaConfigurationBuilder WithBudgetKeeper(this AkkaConfigurationBuilder builder)
    {
        return builder.WithActors((system, registry, resolver) =>
        {
            var keeper = system.ActorOf(BudgetKeeper.Props(
                resolver.GetService<CapacityPlanner>(),
                resolver.GetService<RequestBudget>(),
                resolver.GetService<IntervalDirectory>(),
                resolver.GetService<IBarSource>().Name,
                registry.TryGet<QueueProxy>(out var queue) ? queue : null), "budget-keeper");
            registry.Register<BudgetKeeper>(keeper);
        });
    }

    /// <summary>The symbol shard region: one entity per ticker, spread over the cluster.</summary>
    public static AkkaConfigurationBuilder WithSymbolEntities(
        this AkkaConfigurationBuilder builder, CollectionSettings settings)
    {
        return builder.WithShardRegion<SymbolRegion>(
            SymbolRegionName,
            (_, _, resolver) => entityId => SymbolEntity.Props(
                entityId,
                resolver.GetService<ICandleStore>(),
                resolver.GetService<BarGrid>(),
                resolver.GetService<TimeProvider>(),
                settings,
                resolver.GetService<UpstreamDirectory>()),
            new SymbolMessageExtractor(settings.Shards),
            new ShardOptions
            {
                Role = CollectorRole,
                // The coordinator's state goes to the SQL journal: no durable-data files on
                // disk. Entities are not remembered: every round asks every symbol, which
                // starts its entity on the shard's new node, and its state is in the store.
                StateStoreMode = StateStoreMode.Persistence,
                RememberEntities = false,
            });
    }

    /// <summary>
    /// A proxy to the symbol shards for a node that hosts none (gateway only): it routes
    /// chart requests to the collector nodes, under the same registry key as the region.
    /// </summary>
    public static AkkaConfigurationBuilder WithSymbolRegionProxy(
        this AkkaConfigurationBuilder builder, CollectionSettings settings)
    {
        return builder.WithShardRegionProxy<SymbolRegion>(
            SymbolRegionName, CollectorRole, new SymbolMessageExtractor(settings.Shards));
    }

    /// <summary>
    /// One collector singleton per interval, managed from every collector node: the oldest
    /// runs them all, and when it leaves or is downed the next oldest starts them.
    /// </summary>
    public static AkkaConfigurationBuilder WithIntervalCollectors(
        this AkkaConfigurationBuilder builder, CollectionSettings settings)
    {
        return builder.WithActors((system, registry, resolver) =>
        {
            var symbols = registry.Get<SymbolRegion>();
            var universe = registry.TryGet<QueueProxy>(out var queue) ? queue : null;
            var plan = resolver.GetService<CapacityPlanner>().Current;
            var singletonSettings = ClusterSingletonManagerSettings.Create(system)
                .WithRole(CollectorRole);

            foreach (var interval in BarInterval.All)
            {
                var collector = IntervalCollector.Props(
                    interval, symbols, resolver.GetService<BarGrid>(),
                    resolver.GetService<TimeProvider>(), settings,
                    degraded: plan.Degraded.Contains(interval), universe,
                    metrics: resolver.GetService<CollectorMetrics>(),
                    wallClock: resolver.GetService<WallClock>().Provider);

                system.ActorOf(
                    ClusterSingletonManager.Props(
                        collector, PoisonPill.Instance, singletonSettings),
                    IntervalActorName(interval));
            }
        });
    }

    /// <summary>
    /// A proxy to each interval singleton, on every node (status asks them, whichever node
    /// runs them).
    /// </summary>
    public static AkkaConfigurationBuilder WithIntervalProxies(
        this AkkaConfigurationBuilder builder)
    {
        return builder.WithActors((system, _, resolver) =>
        {
            var directory = resolver.GetService<IntervalDirectory>();
            var proxySettings = ClusterSingletonProxySettings.Create(system)
                .WithRole(CollectorRole);

            foreach (var interval in BarInterval.All)
            {
                var name = IntervalActorName(interval);
                var proxy = system.ActorOf(
                    ClusterSingletonProxy.Props($"/user/{name}", proxySettings),
                    $"{name}-proxy");
                directory.Register(interval, proxy);
            }
        });
    }

    /// <summary>
    /// The collection queue singleton, managed from every collector node (the oldest runs
    /// it), journaled on the SQL journal. Needs the symbol region and
    /// <see cref="WithQueueProxies"/> before it.
    /// </summary>
    public static AkkaConfigurationBuilder WithCollectionQueue(
        this AkkaConfigurationBuilder builder, CollectionSettings settings,
        QueueSettings queueSettings)
    {
        return builder.WithActors((system, registry, resolver) =>
        {
            var props = CollectionQueue.Props(
                queueSettings, settings, registry.Get<SymbolRegion>(),
                resolver.GetService<BarGrid>(), resolver.GetService<TimeProvider>(),
                resolver.GetService<CollectorMetrics>(),
                resolver.GetService<WallClock>().Provider);

            system.ActorOf(
                ClusterSingletonManager.Props(props, PoisonPill.Instance,
                    ClusterSingletonManagerSettings.Create(system).WithRole(CollectorRole)),
                CollectionQueue.Id);
        });
    }

    /// <summary>
    /// The gap filler singleton, managed from every collector node, feeding the collection
    /// queue through this node's proxy.
    /// </summary>
    public static AkkaConfigurationBuilder WithGapFiller(
        this AkkaConfigurationBuilder builder, CollectionSettings settings,
        GapSettings gapSettings)
    {
        return builder.WithActors((system, registry, resolver) =>
        {
            var props = GapFiller.Props(
                gapSettings, settings, resolver.GetService<ICandleStore>(),
                resolver.GetService<BarGrid>(), resolver.GetService<TimeProvider>(),
                registry.Get<QueueProxy>(), resolver.GetService<CollectorMetrics>());

            system.ActorOf(
                ClusterSingletonManager.Props(props, PoisonPill.Instance,
                    ClusterSingletonManagerSettings.Create(system).WithRole(CollectorRole)),
                GapFillerName);
        });
    }

    /// <summary>
    /// Proxies to the queue and the gap filler on every node, registered as
    /// <see cref="QueueProxy"/> and <see cref="GapFillerProxy"/>: the gateway onboards
    /// through the queue and the interval collectors take their universe from it. Register
    /// before the collector parts.
    /// </summary>
    public static AkkaConfigurationBuilder WithQueueProxies(this AkkaConfigurationBuilder builder)
    {
        return builder.WithActors((system, registry) =>
        {
            var proxySettings = ClusterSingletonProxySettings.Create(system)
                .WithRole(CollectorRole);
            registry.Register<QueueProxy>(system.ActorOf(
                ClusterSingletonProxy.Props($"/user/{CollectionQueue.Id}", proxySettings),
                $"{CollectionQueue.Id}-proxy"));
            registry.Register<GapFillerProxy>(system.ActorOf(
                ClusterSingletonProxy.Props($"/user/{GapFillerName}", proxySettings),
                $"{GapFillerName}-proxy"));
        });
    }

    private const string GapFillerName = "gap-filler";

    private static string IntervalActorName(BarInterval interval) => $"interval-{interval.Name}";
}
