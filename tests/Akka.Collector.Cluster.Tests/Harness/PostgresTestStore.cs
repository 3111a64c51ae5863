using System.Diagnostics;
using System.Text.Json;
using Akka.Collector.Store;
using Akka.Collector.Store.Postgres;
using Akka.Collector.TestSupport.Postgres;

namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>
/// A database of its own on the test process's throwaway PostgreSQL, migrated by the node's
/// <c>migrate</c> command before any node starts, as production does it. The nodes run with
/// auto-migrate off, so each checks at start that the schema and journal are there.
/// </summary>
/// <remarks>
/// Why not auto-migrate on every node: the candle schema's migration takes an advisory lock
/// and is safe, but the journal and snapshot tables come from Akka.Persistence.Sql's
/// auto-initialize, which takes none. Three migrate commands at once on a fresh database
/// (tried three times) once failed the journal's initialization on PostgreSQL's catalog
/// (duplicate key in pg_type_typname_nsp_index); the command still exited 0 because another
/// had made the tables, but a node's journal failing like that fails its persistent actors.
/// </remarks>
public sealed class PostgresTestStore : ITestStore
{
    // One process start of the node on a busy machine, plus the journal's own start.
    private static readonly TimeSpan MigrateBound = TimeSpan.FromSeconds(120);

    private readonly PostgresDatabase _db;

    private PostgresTestStore(PostgresDatabase db, int port)
    {
        _db = db;
        Description = $"PostgreSQL database {db.Name} on 127.0.0.1:{port}";
    }

    public string Description { get; }

    // A HOCON quoted string is a JSON string.
    public string Hocon => $$"""
        collector.store {
          kind = postgres
          postgres.connection-string = {{JsonSerializer.Serialize(_db.ConnectionString)}}
          auto-migrate = off
        }
        """;

    /// <summary>Creates the database and migrates it with the built node.</summary>
    /// <param name="hint">Starts the database's name, to tell runs apart on the server.</param>
    /// <param name="directory">Where the migrate command's config and output go.</param>
    public static async Task<PostgresTestStore> CreateAsync(string hint, string directory)
    {
        var server = await ThrowawayPostgres.SharedAsync();
        var db = await server.CreateDatabaseAsync(hint);
        var store = new PostgresTestStore(db, server.Port);
        try
        {
            await store.MigrateAsync(directory);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }

        return store;
    }

    public ICandleStore Open() => new PostgresCandleStore(_db.ConnectionString);

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    // dotnet <Node.dll> migrate --config <file>, as an operator runs it before a release.
    private async Task MigrateAsync(string directory)
    {
        var config = Path.Combine(directory, "migrate.conf");
        await File.WriteAllTextAsync(config, Hocon);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { NodeBinary.Dll, "migrate", "--config", config })
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("could not start the node's migrate");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(MigrateBound);
        var finished = true;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            finished = false;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var output = await stdout + await stderr;
        if (!finished || process.ExitCode != 0)
        {
            var how = finished
                ? $"exited with code {process.ExitCode}"
                : $"did not finish within {MigrateBound.TotalSeconds:F0} s";
            throw new InvalidOperationException($"migrate of {Description} {how}:\n{output}");
        }

        // Say what it did in the run's folder, for a post-mortem (CLUSTER_TESTS_KEEP).
        await File.WriteAllTextAsync(Path.Combine(directory, "migrate.log"), output);
    }
}
