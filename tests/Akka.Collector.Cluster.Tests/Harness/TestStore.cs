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
/// One SQLite file in WAL mode that all node processes open: enough for one machine. The
/// production shape is PostgreSQL; see README, "Running a cluster", for the switch.
/// </summary>
public sealed class SqliteTestStore(string directory) : ITestStore
{
    private readonly string _path = Path.Combine(directory, "cluster.db");

    public string Description => $"SQLite {_path}";

    public string Hocon => $"collector.store.sqlite-path = \"{_path.Replace("\\", "/")}\"";

    public ICandleStore Open() =>
        new SqliteCandleStore($"Data Source={_path};Default Timeout=30;Pooling=False");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
