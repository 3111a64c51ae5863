using Akka.Actor;
using Akka.Collector.Node.Composition;
using Akka.Collector.Node.Configuration;
using Akka.Collector.Store;
using Akka.Hosting;
using Akka.Persistence;

namespace Akka.Collector.Node.Services;

/// <summary>
/// <c>Akka.Collector.Node migrate [--config file]</c>: creates or migrates the candle schema
/// and the Akka.Persistence.Sql journal and snapshot tables on the configured store, says
/// what it did and exits. Production runs it once per release before starting nodes, which
/// then only check (<c>collector.store.auto-migrate</c> is off for postgres).
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    private static readonly TimeSpan JournalTimeout = TimeSpan.FromSeconds(60);

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var hocon = NodeConfig.Load(NodeConfig.Argument(args, "--config"), overrides: null);
        var settings = NodeSettings.From(hocon);
        var where = settings.Store.Describe();

        var store = (ISchemaMigrations)StoreFactory.CreateStore(settings);
        var (from, to) = await store.MigrateAsync(CancellationToken.None);
        output.WriteLine(from == to
            ? $"candle schema on {where}: already at version {to}, nothing to do"
            : $"candle schema on {where}: migrated from version {from} to {to}");

        var before = await JournalTables.ListAsync(settings, CancellationToken.None);
        await CreateJournalTablesAsync(settings);
        var after = await JournalTables.ListAsync(settings, CancellationToken.None);
        var created = after.Except(before).ToList();
        output.WriteLine(created.Count == 0
            ? $"journal and snapshot tables on {where}: already there ({Join(after)})"
            : $"journal and snapshot tables on {where}: created {Join(created)}");

        return 0;
    }

    // Akka.Persistence.Sql creates its tables when its journal and snapshot store start with
    // auto-initialize on; a recovery probe and a snapshot load return once they have.
    private static async Task CreateJournalTablesAsync(NodeSettings settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka("collector-migrate",
            akka => akka.AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend)
                .WithCollectorPersistence(settings, autoInitialize: true));

        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var persistence = Akka.Persistence.Persistence.Instance.Apply(system);
            const string probe = "collector-migrate-probe";

            Func<IActorRef, object> replay = replyTo => new ReplayMessages(1, 0, 0, probe, replyTo);
            var replayed = await persistence.JournalFor(null).Ask<object>(
                replay, JournalTimeout, CancellationToken.None);
            if (replayed is ReplayMessagesFailure failure)
                throw new InvalidOperationException(
                    $"the journal could not start: {failure.Cause.Message}", failure.Cause);

            var loaded = await persistence.SnapshotStoreFor(null).Ask<object>(
                new LoadSnapshot(probe, SnapshotSelectionCriteria.Latest, long.MaxValue),
                JournalTimeout);
            if (loaded is LoadSnapshotFailed failed)
                throw new InvalidOperationException(
                    $"the snapshot store could not start: {failed.Cause.Message}", failed.Cause);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static string Join(IEnumerable<string> tables) => string.Join(", ", tables);
}
