using Akka.Collector.Store.Sqlite;
using Npgsql;

namespace Akka.Collector.Node.Configuration;

/// <summary>
/// Where a node keeps candles, coverage and the Akka.Persistence.Sql journal and snapshots:
/// one SQLite file (embedded default) or one PostgreSQL database (production).
/// </summary>
/// <param name="Kind"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="SqlitePath">The SQLite file, for kind sqlite.</param>
/// <param name="PostgresConnection">An Npgsql connection string, for kind postgres.</param>
/// <param name="AutoMigrate">
/// Create or migrate the schema at start. Default on for sqlite; off for postgres, where an
/// operator runs the node's <c>migrate</c> command once and nodes only check.
/// </param>
/// <param name="SqliteDurability">When SQLite commits reach the disk: normal (default) or
/// full.</param>
public sealed record StoreSettings(
    string Kind, string SqlitePath, string? PostgresConnection, bool AutoMigrate,
    SqliteDurability SqliteDurability = SqliteDurability.Normal)
{
    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    public bool IsPostgres => Kind == Postgres;

    /// <summary>What the store is, for logs and errors: a path, or host/port/database; never
    /// a password.</summary>
    public string Describe()
    {
        if (!IsPostgres)
            return SqlitePath;

        var builder = new NpgsqlConnectionStringBuilder(PostgresConnection);
        return $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
    }

    internal static StoreSettings From(ConfigReader c)
    {
        var kind = c.String("store.kind", Sqlite).Trim().ToLowerInvariant();
        if (kind is not (Sqlite or Postgres))
            throw c.Bad("store.kind", kind, "sqlite or postgres");

        var connection = c.String("store.postgres.connection-string", "").Trim();
        if (kind == Postgres)
            CheckConnection(c, connection);

        var autoMigrate = c.Has("store.auto-migrate")
            ? c.Bool("store.auto-migrate")
            : kind == Sqlite;

        var synchronous = c.String("store.sqlite-synchronous", "normal").Trim().ToLowerInvariant();
        var durability = synchronous switch
        {
            "normal" => SqliteDurability.Normal,
            "full" => SqliteDurability.Full,
            _ => throw c.Bad("store.sqlite-synchronous", synchronous, "normal or full"),
        };

        return new StoreSettings(
            kind,
            c.String("store.sqlite-path", "data/collector.db"),
            connection.Length == 0 ? null : connection,
            autoMigrate,
            durability);
    }

    // Checked at start so a typo is named with its key, never shown with its password.
    private static void CheckConnection(ConfigReader c, string connection)
    {
        const string key = "store.postgres.connection-string";
        const string expected =
            "an Npgsql connection string such as Host=db;Database=collector;Username=collector "
            + "(environment COLLECTOR_PG_CONNECTION)";
        if (connection.Length == 0)
            throw c.Bad(key, "", expected);

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connection);
            if (string.IsNullOrWhiteSpace(builder.Host)
                || string.IsNullOrWhiteSpace(builder.Database))
                throw c.Bad(key, "(without Host or Database)", expected);
        }
        catch (ArgumentException e)
        {
            throw c.Bad(key, "(unparsable, not shown)", $"{expected}; {e.Message}");
        }
    }
}
