using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;

namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// The SQLite schema as numbered migrations, recorded in schema_version. Append a migration
/// to change the schema; never edit one that has shipped, databases out there already ran it.
/// </summary>
internal static class SqliteSchema
{
    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            applied_ms INTEGER NOT NULL
        )
        """;

    // WITHOUT ROWID stores rows in primary-key order, so a chart read of one symbol and
    // interval is one contiguous range scan and the key is not kept twice. Types are SQLite's;
    // a PostgreSQL schema says BIGINT and DOUBLE PRECISION for the same columns.
    private static readonly string[][] Migrations =
    [
        [
            """
            CREATE TABLE candles (
                symbol   TEXT    NOT NULL,
                interval TEXT    NOT NULL,
                start_ms INTEGER NOT NULL,
                open     REAL    NOT NULL,
                high     REAL    NOT NULL,
                low      REAL    NOT NULL,
                close    REAL    NOT NULL,
                volume   INTEGER NOT NULL,
                PRIMARY KEY (symbol, interval, start_ms)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE coverage (
                symbol   TEXT    NOT NULL,
                interval TEXT    NOT NULL,
                from_ms  INTEGER NOT NULL,
                to_ms    INTEGER NOT NULL,
                PRIMARY KEY (symbol, interval, from_ms)
            ) WITHOUT ROWID
            """,
        ],
        [
            // Who filled this file: a node refuses to serve one vendor's bars as another's.
            """
            CREATE TABLE store_meta (
                key   TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            ) WITHOUT ROWID
            """,
        ],
    ];

    /// <summary>The version this build creates and understands.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>The applied version; 0 for a file this store never touched.</summary>
    public static async Task<int> ReadVersionAsync(
        SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
            return 0;

        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Brings the schema to <see cref="LatestVersion"/> and returns the version it found. The
    /// write lock is held throughout, so two nodes starting on one file at once apply each
    /// migration exactly once.
    /// </summary>
    public static async Task<int> MigrateAsync(
        SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = SqliteConnector.BeginWrite(connection);
        using var db = SqliteConnector.Query(transaction);

        await db.ExecuteAsync(VersionTable, cancellationToken);
        var current = await db.GetTable<SchemaVersionRow>()
            .Select(r => (int?)r.Version)
            .MaxAsync(cancellationToken) ?? 0;

        // A newer build migrated this file; this one would misread it, so it stops here.
        if (current > LatestVersion)
            throw new InvalidOperationException(
                $"the candle database is at schema version {current}, this build knows only "
                + $"up to {LatestVersion}; upgrade the node instead of opening the file");

        for (var version = current + 1; version <= LatestVersion; version++)
        {
            foreach (var statement in Migrations[version - 1])
                await db.ExecuteAsync(statement, cancellationToken);

            var applied = new SchemaVersionRow
            {
                Version = version,
                AppliedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            };
            await db.InsertAsync(applied, token: cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return current;
    }
}
