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
        return services.AddAkka(SystemName, (akka, sp) =>
        {
            var collection = sp.GetRequiredService<CollectionSettings>();

            akka.AddHocon(hocon, HoconAddMode.Prepend)
                .ConfigureLoggers(log =>
                {
                    log.ClearLoggers();
                    log.AddLoggerFactory();
                })
                .WithRemoting(settings.Hostname, settings.Port)
                .WithClustering(new ClusterOptions
                {
                    Roles = ["collector"],
                    SeedNodes = [.. settings.SeedNodes],
                })
                .WithSqlPersistence(
                    CollectorServices.SqliteConnectionString(settings), ProviderName.SQLiteMS)
                .WithUpstreamBatchers(collection)
                .WithSymbolEntities(collection)
                .WithIntervalCollectors(collection)
                .WithBudgetKeeper()
                .WithActors((system, _) => JoinSelfWhenAlone(system, settings));
        });
    }

    // With no seed nodes configured the node forms a one-node cluster by itself.
    private static void JoinSelfWhenAlone(ActorSystem system, NodeSettings settings)
    {
        if (settings.SeedNodes.Count > 0)
            return;

        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
    }
}
