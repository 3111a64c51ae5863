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
                    settings,
                    resolver.GetService<CapacityPlan>(),
                    resolver.GetService<CollectorMetrics>());
                directory.Register(interval, system.ActorOf(props, $"upstream-{interval.Name}"));
            }
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
                // The coordinator's state goes to the SQL journal: no durable-data files on disk.
                StateStoreMode = StateStoreMode.Persistence,
                RememberEntities = false,
            });
    }

    /// <summary>One collector singleton per interval, and a proxy to each on this node.</summary>
    public static AkkaConfigurationBuilder WithIntervalCollectors(
        this AkkaConfigurationBuilder builder, CollectionSettings settings)
    {
        return builder.WithActors((system, registry, resolver) =>
        {
            var symbols = registry.Get<SymbolRegion>();
            var universe = registry.TryGet<QueueProxy>(out var queue) ? queue : null;
            var plan = resolver.GetService<CapacityPlan>();
            var directory = resolver.GetService<IntervalDirectory>();
            var singletonSettings = ClusterSingletonManagerSettings.Create(system);
            var proxySettings = ClusterSingletonProxySettings.Create(system);

            foreach (var interval in BarInterval.All)
            {
                var name = $"interval-{interval.Name}";
                var collector = IntervalCollector.Props(
                    interval, symbols, resolver.GetService<BarGrid>(),
                    resolver.GetService<TimeProvider>(), settings,
                    degraded: plan.Degraded.Contains(interval), universe,
                    metrics: resolver.GetService<CollectorMetrics>());

                system.ActorOf(
                    ClusterSingletonManager.Props(
                        collector, PoisonPill.Instance, singletonSettings),
                    name);
                var proxy = system.ActorOf(
                    ClusterSingletonProxy.Props($"/user/{name}", proxySettings),
                    $"{name}-proxy");
                directory.Register(interval, proxy);
            }
        });
    }

    /// <summary>
    /// The collection queue: one singleton per cluster, journaled on the SQL journal, and a
    /// proxy to it on this node (registered as <see cref="QueueProxy"/>). Register it before
    /// the interval collectors, which take their universe from it.
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
                resolver.GetService<CollectorMetrics>());

            system.ActorOf(
                ClusterSingletonManager.Props(
                    props, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)),
                CollectionQueue.Id);
            var proxy = system.ActorOf(
                ClusterSingletonProxy.Props(
                    $"/user/{CollectionQueue.Id}", ClusterSingletonProxySettings.Create(system)),
                $"{CollectionQueue.Id}-proxy");
            registry.Register<QueueProxy>(proxy);
        });
    }

    /// <summary>
    /// The gap filler: one singleton per cluster, feeding the collection queue, and a proxy
    /// to it on this node (registered as <see cref="GapFillerProxy"/>). Register it after
    /// the queue.
    /// </summary>
    public static AkkaConfigurationBuilder WithGapFiller(
        this AkkaConfigurationBuilder builder, CollectionSettings settings,
        GapSettings gapSettings)
    {
        return builder.WithActors((system, registry, resolver) =>
        {
            const string name = "gap-filler";
            var props = GapFiller.Props(
                gapSettings, settings, resolver.GetService<ICandleStore>(),
                resolver.GetService<BarGrid>(), resolver.GetService<TimeProvider>(),
                registry.Get<QueueProxy>(), resolver.GetService<CollectorMetrics>());

            system.ActorOf(
                ClusterSingletonManager.Props(
                    props, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)),
                name);
            var proxy = system.ActorOf(
                ClusterSingletonProxy.Props(
                    $"/user/{name}", ClusterSingletonProxySettings.Create(system)),
                $"{name}-proxy");
            registry.Register<GapFillerProxy>(proxy);
        });
    }
}
