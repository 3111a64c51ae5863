using System.Diagnostics;
using Akka.Collector.Store;
using Akka.Collector.Store.Postgres;
using Akka.Collector.Store.Sqlite;
using Akka.Collector.TestSupport.Postgres;
using Npgsql;

namespace Akka.Collector.Bench.Store;

/// <summary>
/// Bars per second the stores write, each next to the engine's own bulk loader writing the
/// same rows into an identical table (same primary key, same durability settings, in the
/// same run): PostgreSQL against <c>psql \copy</c>, corrections against psql's COPY into a
/// staging table plus one INSERT ... ON CONFLICT DO UPDATE, SQLite against the sqlite3
/// shell's <c>.import</c>. The PostgreSQL server is a throwaway one on loopback.
/// </summary>
internal sealed class StoreBench(BenchRows rows, string scratch)
{
    private const double Target = 0.7;

    public async Task<IReadOnlyList<Figure>> RunAsync()
    {
        Directory.CreateDirectory(scratch);
        var fresh = Path.Combine(scratch, "bars.csv");
        var corrections = Path.Combine(scratch, "corrections.csv");
        rows.WriteCsv(fresh, corrected: false);
        rows.WriteCsv(corrections, corrected: true);

        var server = await ThrowawayPostgres.SharedAsync();
        await WarmUpAsync(server);

        // Built before any clock starts: only the writing is timed.
        var batches = rows.Batches(corrected: false).ToList();
        var corrected = rows.Batches(corrected: true).ToList();

        // PostgreSQL: the store into one database, psql into another, same table and server.
        await using var storeDb = await server.CreateDatabaseAsync("bench_store");
        await using var psqlDb = await server.CreateDatabaseAsync("bench_psql");
        var store = new PostgresCandleStore(storeDb.ConnectionString);
        await store.MigrateAsync(CancellationToken.None);
        await new PostgresCandleStore(psqlDb.ConnectionString)
            .MigrateAsync(CancellationToken.None);

        var storeNew = await TimeAsync(
            "store -> PostgreSQL, new rows", () => WriteAllAsync(store, batches));
        var psqlNew = await TimeAsync("psql \\copy, new rows",
            () => PsqlAsync(psqlDb, $"\\copy candles FROM '{fresh}' WITH (FORMAT csv)"));
        await CheckCountAsync(storeDb);
        await CheckCountAsync(psqlDb);

        var storeFix = await TimeAsync("store -> PostgreSQL, corrections",
            () => WriteAllAsync(store, corrected));
        var psqlFix = await TimeAsync("psql COPY to staging + upsert, corrections",
            () => PsqlAsync(psqlDb, CorrectionScript(corrections)));
        await CheckCorrectedAsync(storeDb);
        await CheckCorrectedAsync(psqlDb);

        // SQLite: the store into one file, sqlite3 .import into another (both WAL, FULL sync:
        // the shell's default, so the store is set to it rather than its own default).
        var storeFile = Path.Combine(scratch, "store.db");
        var shellFile = Path.Combine(scratch, "shell.db");
        var sqlite = new SqliteCandleStore($"Data Source={storeFile}", SqliteDurability.Full);
        await sqlite.InitializeAsync(CancellationToken.None);
        await new SqliteCandleStore($"Data Source={shellFile}")
            .InitializeAsync(CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var sqliteStore = await TimeAsync(
            "store -> SQLite, new rows", () => WriteAllAsync(sqlite, batches));
        var sqliteShell = await TimeAsync("sqlite3 .import, new rows",
            () => RunAsync("sqlite3", [shellFile, $".import --csv {fresh} candles"]));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        return
        [
            Rate("store-postgres-new", "store -> PostgreSQL, new bars", storeNew, psqlNew),
            Rate("store-postgres-corrections", "store -> PostgreSQL, corrections",
                storeFix, psqlFix),
            Rate("store-sqlite-new", "store -> SQLite, new bars", sqliteStore, sqliteShell),
        ];
    }

    private Figure Rate(string name, string label, TimeSpan store, TimeSpan reference) =>
        new(name, label, Math.Round(rows.Rows / store.TotalSeconds),
            Math.Round(rows.Rows / reference.TotalSeconds), "bars/s", Target, AtLeast: true);

    // Every method of the write path compiled once before anything is timed.
    private async Task WarmUpAsync(ThrowawayPostgres server)
    {
        var one = new BenchRows(BenchRows.BarsPerSymbol * 10).Batches(false).First();
        await using var db = await server.CreateDatabaseAsync("bench_warmup");
        var store = new PostgresCandleStore(db.ConnectionString);
        await store.MigrateAsync(CancellationToken.None);
        await store.WriteAsync(one, CancellationToken.None);
        await store.WriteAsync(one, CancellationToken.None);

        var file = Path.Combine(scratch, "warmup.db");
        var sqlite = new SqliteCandleStore($"Data Source={file}");
        await sqlite.InitializeAsync(CancellationToken.None);
        await sqlite.WriteAsync(one, CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    private static async Task WriteAllAsync(
        ICandleStore store, IReadOnlyList<IReadOnlyList<CandleWrite>> batches)
    {
        foreach (var batch in batches)
            await store.WriteAsync(batch, CancellationToken.None);
    }

    private static async Task<TimeSpan> TimeAsync(string what, Func<Task> act)
    {
        var clock = Stopwatch.StartNew();
        await act();
        Console.WriteLine($"  {what}: {clock.Elapsed.TotalSeconds:0.00} s");
        return clock.Elapsed;
    }

    // One psql session, one transaction, as an operator would load a file.
    private static string CorrectionScript(string csv) => $"""
        BEGIN;
        CREATE TEMPORARY TABLE staging (LIKE candles) ON COMMIT DROP;
        \copy staging FROM '{csv}' WITH (FORMAT csv)
        INSERT INTO candles SELECT * FROM staging
        ON CONFLICT (symbol, interval, start_ms) DO UPDATE SET
            open = excluded.open, high = excluded.high, low = excluded.low,
            close = excluded.close, volume = excluded.volume;
        COMMIT;
        """;

    private async Task PsqlAsync(PostgresDatabase db, string script)
    {
        var file = Path.Combine(scratch, "psql.sql");
        await File.WriteAllTextAsync(file, script + "\n");
        var pg = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        await RunAsync("psql",
            ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", pg.Host!, "-p", $"{pg.Port}",
             "-U", pg.Username!, "-d", pg.Database!, "-f", file]);
    }

    private async Task CheckCountAsync(PostgresDatabase db)
    {
        var count = await db.ScalarAsync<long>("SELECT COUNT(*) FROM candles");
        if (count != rows.Rows)
            throw new InvalidOperationException($"{db.Name} holds {count} of {rows.Rows} bars");
    }

    // Every row took its correction: a corrected high is 0.03 above max(open, close), an
    // original one 0.25.
    private async Task CheckCorrectedAsync(PostgresDatabase db)
    {
        await CheckCountAsync(db);
        var highs = await db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM candles WHERE high - GREATEST(open, close) > 0.1");
        if (highs != 0)
            throw new InvalidOperationException($"{db.Name}: {highs} bars kept the old high");
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{program}' could not be run ({e.Message}); the store bench needs it on PATH");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException(
                    $"{program} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
