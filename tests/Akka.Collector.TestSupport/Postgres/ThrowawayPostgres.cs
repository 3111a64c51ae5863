using System.Diagnostics;
using Npgsql;

namespace Akka.Collector.TestSupport.Postgres;

/// <summary>
/// One throwaway PostgreSQL 15 server on 127.0.0.1 per test process (so per test assembly),
/// started by <c>scripts/throwaway-postgres.sh</c> on first use and shared by every test
/// class, each of which takes a database of its own with <see cref="CreateDatabaseAsync"/>.
/// </summary>
/// <remarks>
/// The server goes when the process exits: a ProcessExit handler stops it, and the script's
/// <c>--owner-pid</c> watcher stops it within seconds of a crash or a kill. If it cannot
/// start, every use throws <see cref="ThrowawayPostgresException"/> carrying the script's
/// output: a test that needs PostgreSQL fails, it is never skipped.
/// <code>
/// // an xUnit class fixture: one database per test class
/// public sealed class PgFixture : IAsyncLifetime
/// {
///     public PostgresDatabase Db { get; private set; } = null!;
///     public async Task InitializeAsync() =>
///         Db = await (await ThrowawayPostgres.SharedAsync()).CreateDatabaseAsync("store");
///     public Task DisposeAsync() => Db.DisposeAsync().AsTask();
/// }
/// </code>
/// </remarks>
public sealed class ThrowawayPostgres
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private static readonly Lazy<Task<ThrowawayPostgres>> Shared =
        new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _script;
    private readonly string _folder;

    private ThrowawayPostgres(string script, IReadOnlyDictionary<string, string> info)
    {
        _script = script;
        _folder = info["PGFOLDER"];
        Port = int.Parse(info["PGPORT"], System.Globalization.CultureInfo.InvariantCulture);
        ConnectionString = info["PGCONNECTION"];
    }

    /// <summary>The server's loopback port.</summary>
    public int Port { get; }

    /// <summary>Npgsql connection string of the maintenance database (<c>postgres</c>), as
    /// superuser <c>postgres</c>; tests should use a database of their own.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// The process's server, started on the first call (which waits for it, up to two
    /// minutes). A failed start is remembered: later calls throw the same exception.
    /// </summary>
    public static Task<ThrowawayPostgres> SharedAsync() => Shared.Value;

    /// <summary>
    /// A new, empty database named after <paramref name="hint"/> plus a unique suffix.
    /// Disposing it drops it, closing any connection still open on it.
    /// </summary>
    public async Task<PostgresDatabase> CreateDatabaseAsync(
        string hint = "test", CancellationToken cancellationToken = default)
    {
        var name = PostgresDatabase.NewName(hint);

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        return new PostgresDatabase(this, name, builder.ConnectionString);
    }

    private static async Task<ThrowawayPostgres> StartAsync()
    {
        var script = FindScript();
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "start", "--owner-pid" })
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add($"{Environment.ProcessId}");

        using var process = Process.Start(start)
            ?? throw new ThrowawayPostgresException($"could not run bash {script}", "");

        // Both streams are read to the end concurrently, so a full pipe never blocks the script.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new ThrowawayPostgresException(
                $"{script} start did not finish within {StartTimeout.TotalSeconds:F0} s",
                await stderr);
        }

        var output = await stdout;
        if (process.ExitCode != 0)
            throw new ThrowawayPostgresException(
                $"{script} start exited with code {process.ExitCode}", await stderr + output);

        var info = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1].Trim());
        if (!info.ContainsKey("PGFOLDER") || !info.ContainsKey("PGCONNECTION"))
            throw new ThrowawayPostgresException(
                $"{script} start printed no PGFOLDER/PGCONNECTION", await stderr + output);

        var server = new ThrowawayPostgres(script, info);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    // Synchronous on purpose: ProcessExit handlers cannot await. The owner-pid watcher is the
    // back-stop when this does not run (a killed test host).
    private void Stop()
    {
        NpgsqlConnection.ClearAllPools();
        using var stop = Process.Start(new ProcessStartInfo("bash")
        {
            ArgumentList = { _script, "stop", _folder },
            UseShellExecute = false,
        });
        stop?.WaitForExit(TimeSpan.FromSeconds(30));
    }

    // The script lives in the repository, above the test binaries (tests/X/bin/Debug/net10.0).
    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null;
             dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "throwaway-postgres.sh");
            if (File.Exists(candidate))
                return candidate;
        }

        throw new ThrowawayPostgresException(
            "scripts/throwaway-postgres.sh not found above " + AppContext.BaseDirectory, "");
    }
}
