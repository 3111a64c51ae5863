using System.Globalization;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.DataProvider;
using LinqToDB.DataProvider.SQLite;
using Microsoft.Data.Sqlite;

namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// Opens connections to one SQLite file, each set up to share that file with other writers
/// (the Akka.Persistence.Sql journal): WAL, and a busy timeout instead of "database is locked";
/// and synced to disk as <see cref="SqliteDurability"/> says (the journal's own connections
/// keep SQLite's default, FULL); with no checkpoint inside their commits, which
/// <see cref="SqliteCheckpointer"/> runs beside them.
/// </summary>
internal sealed class SqliteConnector
{
    private static readonly IDataProvider Provider =
        SQLiteTools.GetDataProvider(SQLiteProvider.Microsoft);

    private readonly string _connectionString;
    private readonly string _pragmas;

    public SqliteConnector(
        string connectionString, SqliteDurability durability = SqliteDurability.Normal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);

        // Every call opens its own connection, so a private in-memory database would be
        // empty on the next call; only a file can be shared with the journal anyway.
        var inMemory = builder.Mode == SqliteOpenMode.Memory
            || builder.DataSource is "" or ":memory:";
        if (inMemory)
            throw new ArgumentException(
                $"the candle store needs a database file ('Data Source=/path/collector.db'), "
                + $"not '{builder.DataSource}'",
                nameof(connectionString));

        _connectionString = builder.ToString();

        // Default Timeout (seconds, 30 unless set, 0 for no limit) bounds both waits for a
        // busy file: Microsoft.Data.Sqlite retries SQLITE_BUSY for that long, and
        // busy_timeout makes SQLite itself wait for the lock before it even reports BUSY.
        var busyMs = builder.DefaultTimeout > 0
            ? Math.Min((long)builder.DefaultTimeout * 1000, int.MaxValue)
            : int.MaxValue;
        var synchronous = durability == SqliteDurability.Full ? "FULL" : "NORMAL";
        _pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {busyMs}; PRAGMA journal_mode = WAL; " +
            $"PRAGMA synchronous = {synchronous}; PRAGMA wal_autocheckpoint = 0;");
    }

    /// <summary>An open connection with the pragmas applied; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // busy_timeout first: switching a new file to WAL needs a lock of its own.
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Takes the write lock now (BEGIN IMMEDIATE), waiting up to the busy timeout for it.
    /// A deferred transaction would read first and then fail to upgrade to a writer when
    /// another connection wrote in between; that failure is not retried by SQLite.
    /// </summary>
    public static SqliteTransaction BeginWrite(SqliteConnection connection) =>
        connection.BeginTransaction(deferred: false);

    /// <summary>A linq2db view of an open connection, which the caller still owns.</summary>
    public static DataConnection Query(SqliteConnection connection) =>
        new(new DataOptions().UseConnection(Provider, connection, disposeConnection: false));

    /// <summary>A linq2db view of a transaction, so its queries run inside it.</summary>
    public static DataConnection Query(SqliteTransaction transaction) =>
        new(new DataOptions().UseTransaction(Provider, transaction));
}
