using Akka.Collector.Node.Configuration;
using Akka.Collector.Store;
using Akka.Collector.Vendors;

namespace Akka.Collector.Node.Services;

/// <summary>
/// Before the actor system starts (it is registered first): with
/// <c>collector.store.auto-migrate</c> it creates or migrates the candle schema, which also
/// switches a SQLite file to WAL before the journal opens it; without, it checks that the
/// <c>migrate</c> command has run and refuses to start otherwise. Then it claims the store
/// for this node's data source: bars of one vendor are never served as another's, so a store
/// filled by the synthetic vendor stops a replay node at start.
/// </summary>
public sealed class StoreInitializer(
    ICandleStore store, IBarSource vendor, NodeSettings settings, ILogger<StoreInitializer> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Store.AutoMigrate)
            await store.InitializeAsync(cancellationToken);
        else
            await RequireMigratedAsync(cancellationToken);

        var source = SourceOf(vendor, settings);
        var owner = await store.ClaimSourceAsync(source, cancellationToken);
        if (owner != source)
        {
            var instead = settings.Store.IsPostgres
                ? "point collector.store.postgres.connection-string (COLLECTOR_PG_CONNECTION) "
                  + "at another database"
                : "point collector.store.sqlite-path (COLLECTOR_SQLITE_PATH) at another file, "
                  + "or delete this one to start afresh";
            throw new InvalidOperationException(
                $"the candle store {settings.Store.Describe()} holds bars from '{owner}', " +
                $"but this node collects from '{source}'; {instead}");
        }

        log.LogInformation(
            "Candle store {Store} ready for {Source}", settings.Store.Describe(), source);
    }

    // Production: the schema is the migrate command's job, run once before nodes start.
    private async Task RequireMigratedAsync(CancellationToken cancellationToken)
    {
        var migrations = (ISchemaMigrations)store;
        var version = await migrations.ReadSchemaVersionAsync(cancellationToken);
        var tables = await JournalTables.ListAsync(settings, cancellationToken);
        var missing = JournalTables.Names.Except(tables).ToList();
        if (version >= migrations.LatestSchemaVersion && missing.Count == 0)
            return;

        var what = version < migrations.LatestSchemaVersion
            ? $"its candle schema is at version {version}, this build needs "
              + $"{migrations.LatestSchemaVersion}"
            : $"the journal tables {string.Join(", ", missing)} are missing";
        throw new InvalidOperationException(
            $"the store {settings.Store.Describe()} is not migrated ({what}): run "
            + $"'dotnet run --project src/Akka.Collector.Node -- {MigrateCommand.Name} "
            + "[--config file]' first, or set collector.store.auto-migrate = on (development)");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string SourceOf(IBarSource vendor, NodeSettings settings)
    {
        if (vendor.Name != "replay")
            return vendor.Name;

        var files = settings.Vendor.ReplayFiles.Select(
            f => $"{f.Symbol}={Path.GetFileName(f.Path)}");
        var directory = settings.Vendor.ReplayDirectory is { } dir
            ? Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))
            : null;
        return "replay:" +
            string.Join(",", new[] { directory }.Concat(files).Where(p => p is not null));
    }
}
