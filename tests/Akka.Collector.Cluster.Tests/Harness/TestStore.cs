using Akka.Collector.Store;
using Akka.Collector.Store.Sqlite;

namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>
/// The database the nodes of one run share, as a parameter of the harness: the nodes get its
/// HOCON, the assertions read it through the store's own code.
/// </summary>
public interface ITestStore : IAsyncDisposable
{
    /// <summary>What the store is, for failure messages.</summary>
    string Description { get; }

    /// <summary>collector.store settings for every node of the run.</summary>
    string Hocon { get; }

    /// <summary>A reader over what the nodes stored.</summary>
    ICandleStore Open();
}

/// <summary>
/// One SQLite file in WAL mode that all node processes open: enough for one machine.
/// </summary>
/// <remarks>
/// Known shortcoming: the production shape is PostgreSQL, which is not merged yet (branch
/// pg). Once it is: reference tests/Akka.Collector.TestSupport, add a PostgresTestStore
/// over <c>ThrowawayPostgres.SharedAsync()</c> and <c>CreateDatabaseAsync("cluster")</c>
/// (one database for the cluster, one for the reference run) whose Hocon is
/// <c>collector.store { kind = postgres, postgres.connection-string = "...", auto-migrate =
/// on }</c> and whose Open() is <c>new PostgresCandleStore(db.ConnectionString)</c>, run the
/// node's <c>migrate</c> command once before the nodes start (three nodes migrating at once
/// would race), and construct it where the tests now construct SqliteTestStore.
/// </remarks>
public sealed class SqliteTestStore(string directory) : ITestStore
{
    private readonly string _path = Path.Combine(directory, "cluster.db");

    public string Description => $"SQLite {_path}";

    public string Hocon => $"collector.store.sqlite-path = \"{_path.Replace("\\", "/")}\"";

    public ICandleStore Open() =>
        new SqliteCandleStore($"Data Source={_path};Default Timeout=30;Pooling=False");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
