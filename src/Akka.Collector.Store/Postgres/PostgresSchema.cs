using Npgsql;

namespace Akka.Collector.Store.Postgres;

/// <summary>
/// The PostgreSQL schema as numbered migrations, recorded in schema_version. Append a
/// migration to change the schema; never edit one that has shipped, databases out there
/// already ran it. The numbers follow the SQLite schema's, so version N means the same tables.
/// </summary>
internal static class PostgresSchema
{
    // Any 64-bit number only this schema uses: the transaction lock that makes several nodes
    // migrating one database at once apply each step exactly once.
    private const long MigrationLock = 0x436F6C6C_4D696772; // "CollMigr"

    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER NOT NULL PRIMARY KEY,
            applied_ms BIGINT  NOT NULL
        )
        """;

    private static readonly string[][] Migrations =
    [
        [
            """
            CREATE TABLE candles (
                symbol   TEXT             NOT NULL,
                interval TEXT             NOT NULL,
                start_ms BIGINT           NOT NULL,
                open     DOUBLE PRECISION NOT NULL,
                high     DOUBLE PRECISION NOT NULL,
                low      DOUBLE PRECISION NOT NULL,
                close    DOUBLE PRECISION NOT NULL,
                volume   BIGINT           NOT NULL,
                PRIMARY KEY (symbol, interval, start_ms)
            )
            """,
            """
            CREATE TABLE coverage (
                symbol   TEXT   NOT NULL,
                interval TEXT   NOT NULL,
                from_ms  BIGINT NOT NULL,
                to_ms    BIGINT NOT NULL,
                PRIMARY KEY (symbol, interval, from_ms)
            )
            """,
        ],
        [
            // Who filled this database: a node refuses to serve one vendor's bars as another's.
            """
            CREATE TABLE store_meta (
                key   TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            )
            """,
        ],
    ];

    /// <summary>The version this build creates and understands.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>The applied version; 0 for a database this store never touched.</summary>
    public static async Task<int> ReadVersionAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand(
            "SELECT to_regclass('schema_version') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            return 0;

        await using var max = new NpgsqlCommand(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version", connection);
        return (int)(await max.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Brings the schema to <see cref="LatestVersion"/> in one transaction and returns the
    /// version it found. DDL is transactional here: a failed step leaves the database as it
    /// was.
    /// </summary>
    public static async Task<int> MigrateAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})",
            cancellationToken);
        await ExecuteAsync(connection, VersionTable, cancellationToken);

        var current = await ReadVersionAsync(connection, cancellationToken);
        Refuse(current);

        for (var version = current + 1; version <= LatestVersion; version++)
        {
            foreach (var statement in Migrations[version - 1])
                await ExecuteAsync(connection, statement, cancellationToken);

            await using var applied = new NpgsqlCommand(
                "INSERT INTO schema_version (version, applied_ms) VALUES (@v, @ms)", connection);
            applied.Parameters.AddWithValue("v", version);
            applied.Parameters.AddWithValue("ms", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await applied.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return current;
    }

    /// <summary>A newer build migrated this database; this one would misread it.</summary>
    public static void Refuse(int current)
    {
        if (current > LatestVersion)
            throw new InvalidOperationException(
                $"the candle database is at schema version {current}, this build knows only "
                + $"up to {LatestVersion}; upgrade the node instead of opening the database");
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
