using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using NodaTime;

namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// The embedded candle store: one SQLite file in WAL mode, shared with the Akka.Persistence.Sql
/// journal. Each call opens its own pooled connection, so one instance serves any number of
/// concurrent callers, and several instances may use the same file.
/// </summary>
/// <remarks>
/// Writers queue for SQLite's single write lock for up to the connection string's
/// <c>Default Timeout</c> (seconds, 30 unless set) rather than failing as "database is locked".
/// Microsoft.Data.Sqlite runs statements synchronously under its async API, so a call waiting
/// for the lock holds its thread for that wait. Batch writes of one instance therefore queue
/// in the instance first, holding no thread; only other writers of the file (the journal,
/// another instance) meet the lock inside SQLite.
/// </remarks>
public sealed class SqliteCandleStore : ICandleStore, ISchemaMigrations
{
    private readonly SqliteConnector _connector;
    private readonly SqliteCheckpointer _checkpointer;

    // One batch write at a time, as SQLite allows anyway. The next starts the moment the
    // last commits, where SQLite's busy handler would wake it only after sleeps of 1, 2, 5,
    // 10 ms and more, with a pool thread held asleep meanwhile.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <param name="connectionString">
    /// A Microsoft.Data.Sqlite connection string naming a file, such as
    /// <c>Data Source=/var/lib/collector/collector.db</c>; optional <c>Default Timeout=60</c>
    /// sets how many seconds a writer waits for the lock. In-memory databases are refused.
    /// </param>
    /// <param name="durability">When commits reach the disk; see
    /// <see cref="SqliteDurability"/>.</param>
    public SqliteCandleStore(
        string connectionString, SqliteDurability durability = SqliteDurability.Normal)
    {
        _connector = new SqliteConnector(connectionString, durability);
        _checkpointer = new SqliteCheckpointer(_connector);
    }

    /// <summary>WAL checkpoints run to their end, for tests.</summary>
    internal long CheckpointsCompleted => _checkpointer.Completed;

    /// <summary>Completes when no checkpoint runs, for tests.</summary>
    internal Task CheckpointIdleAsync() => _checkpointer.IdleAsync();

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await MigrateAsync(cancellationToken);

    public int LatestSchemaVersion => SqliteSchema.LatestVersion;

    public async Task<(int From, int To)> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _connector.OpenAsync(cancellationToken);
        var from = await SqliteSchema.MigrateAsync(connection, cancellationToken);
        return (from, SqliteSchema.LatestVersion);
    }

    public async Task<int> ReadSchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _connector.OpenAsync(cancellationToken);
        return await SqliteSchema.ReadVersionAsync(connection, cancellationToken);
    }

    public async Task<string> ClaimSourceAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await _connector.OpenAsync(cancellationToken);
        await using var transaction = SqliteConnector.BeginWrite(connection);

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            "INSERT INTO store_meta (key, value) VALUES ('source', $source) " +
            "ON CONFLICT (key) DO NOTHING";
        insert.Parameters.AddWithValue("$source", source);
        await insert.ExecuteNonQueryAsync(cancellationToken);

        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT value FROM store_meta WHERE key = 'source'";
        var claimed = (string)(await select.ExecuteScalarAsync(cancellationToken))!;

        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    public async Task WriteAsync(
        IReadOnlyList<CandleWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
            return;

        await SqliteWriterThread.Shared.Run(
            () => WriteOnWriterAsync(writes, cancellationToken), cancellationToken);
    }

    private async Task<bool> WriteOnWriterAsync(
        IReadOnlyList<CandleWrite> writes, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _connector.OpenAsync(cancellationToken);

            // One transaction for the batch: a crash or a cancel stores all of it or none of it.
            await using var transaction = SqliteConnector.BeginWrite(connection);
            using var writer = new SqliteBatchWriter(transaction);

            foreach (var write in writes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Write(write, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            _checkpointer.Committed();
            return true;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<long> PruneAsync(
        BarInterval interval, Instant before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interval);

        // On the writer thread and behind the same gate as batch writes: a prune is one more
        // writer of the file, and as synchronous as they are.
        return await SqliteWriterThread.Shared.Run(
            () => PruneOnWriterAsync(interval, before, cancellationToken), cancellationToken);
    }

    private async Task<long> PruneOnWriterAsync(
        BarInterval interval, Instant before, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _connector.OpenAsync(cancellationToken);
            await using var transaction = SqliteConnector.BeginWrite(connection);
            var deleted = await SqlitePrune.RunAsync(
                transaction, interval.Name, RowMapping.ToMs(before), cancellationToken);

            await transaction.CommitAsync(cancellationToken);
            _checkpointer.Committed();
            return deleted;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<IReadOnlyList<Candle>> ReadAsync(
        Symbol symbol, BarInterval interval, Instant from, Instant to, int limit,
        CancellationToken cancellationToken)
    {
        // A negative LIMIT means "no limit" to SQLite; refuse it rather than read everything.
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0 || from >= to)
            return [];

        await using var connection = await _connector.OpenAsync(cancellationToken);
        using var db = SqliteConnector.Query(connection);
        return await StoreQueries.ReadAsync(db, symbol, interval,
            RowMapping.ToMs(from), RowMapping.ToMs(to), limit, cancellationToken);
    }

    public async Task<Candle?> ReadNewestAsync(
        Symbol symbol, BarInterval interval, CancellationToken cancellationToken)
    {
        await using var connection = await _connector.OpenAsync(cancellationToken);
        using var db = SqliteConnector.Query(connection);
        return await StoreQueries.ReadNewestAsync(db, symbol, interval, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<BarInterval, Instant>> ReadWatermarksAsync(
        Symbol symbol, CancellationToken cancellationToken)
    {
        await using var connection = await _connector.OpenAsync(cancellationToken);
        using var db = SqliteConnector.Query(connection);
        return await StoreQueries.ReadWatermarksAsync(db, symbol, cancellationToken);
    }

    public async Task<IReadOnlyList<TimeRange>> ReadCoverageAsync(
        Symbol symbol, BarInterval interval, CancellationToken cancellationToken)
    {
        await using var connection = await _connector.OpenAsync(cancellationToken);
        using var db = SqliteConnector.Query(connection);
        return await StoreQueries.ReadCoverageAsync(db, symbol, interval, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Symbol, IReadOnlyList<TimeRange>>> ReadCoverageAsync(
        IReadOnlyCollection<Symbol> symbols, BarInterval interval,
        CancellationToken cancellationToken)
    {
        await using var connection = await _connector.OpenAsync(cancellationToken);
        using var db = SqliteConnector.Query(connection);
        return await StoreQueries.ReadCoverageAsync(db, symbols, interval, cancellationToken);
    }
}
