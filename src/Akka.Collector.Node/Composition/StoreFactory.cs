using Akka.Collector.Node.Configuration;
using Akka.Collector.Store;
using Akka.Collector.Store.Postgres;
using Akka.Collector.Store.Sqlite;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;

namespace Akka.Collector.Node.Composition;

/// <summary>
/// The candle store and the Akka.Persistence.Sql journal of a node, both on the database
/// <c>collector.store.kind</c> names: one SQLite file or one PostgreSQL database.
/// </summary>
public static class StoreFactory
{
    public static ICandleStore CreateStore(NodeSettings settings) =>
        settings.Store.IsPostgres
            ? new PostgresCandleStore(settings.Store.PostgresConnection!)
            : new SqliteCandleStore(CollectorServices.SqliteConnectionString(settings),
                settings.Store.SqliteDurability);

    /// <summary>
    /// Journal and snapshot store on the node's database. Their tables are created at start
    /// only with <c>collector.store.auto-migrate</c>; otherwise <c>migrate</c> made them.
    /// </summary>
    public static AkkaConfigurationBuilder WithCollectorPersistence(
        this AkkaConfigurationBuilder akka, NodeSettings settings, bool? autoInitialize = null)
    {
        var (connectionString, provider) = settings.Store.IsPostgres
            ? (settings.Store.PostgresConnection!, ProviderName.PostgreSQL15)
            : (CollectorServices.SqliteConnectionString(settings), ProviderName.SQLiteMS);

        return akka.WithSqlPersistence(connectionString, provider,
            autoInitialize: autoInitialize ?? settings.Store.AutoMigrate);
    }
}
