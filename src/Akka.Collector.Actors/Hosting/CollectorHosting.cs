using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Collector.Actors.Budget;
using Akka.Collector.Actors.Intervals;
using Akka.Collector.Actors.Symbols;
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
                    resolver.GetService<WallClock>().Provider,
                    settings,
                    resolver.GetService<RequestBudget>());
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
                resolver.GetService<IBarSource>().Name), "budget-keeper");
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
            var plan = resolver.GetService<CapacityPlanner>().Current;
            var directory = resolver.GetService<IntervalDirectory>();
            var singletonSettings = ClusterSingletonManagerSettings.Create(system);
            var proxySettings = ClusterSingletonProxySettings.Create(system);

            foreach (var interval in BarInterval.All)
            {
                var name = $"interval-{interval.Name}";
                var collector = IntervalCollector.Props(
                    interval, symbols, resolver.GetService<BarGrid>(),
                    resolver.GetService<TimeProvider>(), settings,
                    degraded: plan.Degraded.Contains(interval));

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
}
