using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.DataProvider;
using LinqToDB.DataProvider.PostgreSQL;
using NodaTime;
using Npgsql;

namespace Akka.Collector.Store.Postgres;

/// <summary>
/// The production candle store: PostgreSQL 15 through Npgsql, the same tables and the same
/// semantics as <see cref="Sqlite.SqliteCandleStore"/>. Each call takes a pooled connection,
/// so one instance serves any number of concurrent callers on any number of nodes.
/// </summary>
/// <remarks>
/// Writes and prunes of every node take one transaction-scoped advisory lock, so they run
/// one at a time, as on SQLite: the coverage merge reads the rows it replaces, and two
/// merges of one symbol at once would leave overlapping rows. Known shortcoming: writers of
/// different symbols queue too; a lock per (symbol, interval), taken in key order, would let
/// them overlap, at the cost of one lock-table slot per pair held (10,000 symbols' worth
/// exceeds PostgreSQL's default lock table).
/// </remarks>
public sealed class PostgresCandleStore : ICandleStore, ISchemaMigrations
{
    // Any 64-bit number only this store uses for its write lock ("CollWrit").
    private const long WriteLock = 0x436F6C6C_57726974;

    private static readonly IDataProvider Provider =
        PostgreSQLTools.GetDataProvider(PostgreSQLVersion.v15);

    private readonly string _connectionString;

    /// <param name="connectionString">
    /// An Npgsql connection string, such as
    /// <c>Host=db;Port=5432;Database=collector;Username=collector;Password=...</c>.
    /// </param>
    public PostgresCandleStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        // Parsed now so a malformed string fails at start, naming itself, not on first use.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
    }

    public int LatestSchemaVersion => PostgresSchema.LatestVersion;

    /// <summary>
    /// Development and tests: migrates on every start. Production runs
    /// <see cref="MigrateAsync"/> once, explicitly, and starts nodes that only check.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await MigrateAsync(cancellationToken);

    public async Task<(int From, int To)> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var from = await PostgresSchema.MigrateAsync(connection, cancellationToken);
        return (from, PostgresSchema.LatestVersion);
    }

    public async Task<int> ReadSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await PostgresSchema.ReadVersionAsync(connection, cancellationToken);
    }

    public async Task<string> ClaimSourceAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);

        // One statement: the row inserted now, or the one a concurrent claim won with.
        await using var claim = new NpgsqlCommand("""
            WITH added AS (
                INSERT INTO store_meta (key, value) VALUES ('source', @source)
                ON CONFLICT (key) DO NOTHING RETURNING value
            )
            SELECT value FROM added
            UNION ALL SELECT value FROM store_meta WHERE key = 'source'
            LIMIT 1
            """, connection);
        claim.Parameters.AddWithValue("source", source);
        if (await claim.ExecuteScalarAsync(cancellationToken) is string claimed)
            return claimed;

        // A claim committed after this statement's snapshot made ours a no-op unseen by it.
        await using var read = new NpgsqlCommand(
            "SELECT value FROM store_meta WHERE key = 'source'", connection);
        return (string)(await read.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task WriteAsync(
        IReadOnlyList<CandleWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
            return;

        await using var connection = await OpenAsync(cancellationToken);

        // One transaction for the batch: a crash or a cancel stores all of it or none of it.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockWritersAsync(connection, cancellationToken);
        await PostgresBatchWriter.WriteAsync(connection, writes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> PruneAsync(
        BarInterval interval, Instant before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interval);

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockWritersAsync(connection, cancellationToken);
        var deleted = await PostgresPrune.RunAsync(
            connection, interval.Name, RowMapping.ToMs(before), cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<IReadOnlyList<Candle>> ReadAsync(
        Symbol symbol, BarInterval interval, Instant from, Instant to, int limit,
        CancellationToken cancellationToken)
    {
        // Refused as on SQLite, so callers see one contract.
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0 || from >= to)
            return [];

        await using var connection = await OpenAsync(cancellationToken);
        using var db = Query(connection);
        return await StoreQueries.ReadAsync(db, symbol, interval,
            RowMapping.ToMs(from), RowMapping.ToMs(to), limit, cancellationToken);
    }

    public async Task<Candle?> ReadNewestAsync(
        Symbol symbol, BarInterval interval, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var db = Query(connection);
        return await StoreQueries.ReadNewestAsync(db, symbol, interval, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<BarInterval, Instant>> ReadWatermarksAsync(
        Symbol symbol, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var db = Query(connection);
        return await StoreQueries.ReadWatermarksAsync(db, symbol, cancellationToken);
    }

    public async Task<IReadOnlyList<TimeRange>> ReadCoverageAsync(
        Symbol symbol, BarInterval interval, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var db = Query(connection);
        return await StoreQueries.ReadCoverageAsync(db, symbol, interval, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Symbol, IReadOnlyList<TimeRange>>> ReadCoverageAsync(
        IReadOnlyCollection<Symbol> symbols, BarInterval interval,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var db = Query(connection);
        return await StoreQueries.ReadCoverageAsync(db, symbols, interval, cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task LockWritersAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock({WriteLock})", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DataConnection Query(NpgsqlConnection connection) =>
        new(new DataOptions().UseConnection(Provider, connection, disposeConnection: false));
}
