using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>
/// One test's run: a folder of its own, a fresh PostgreSQL store and the node processes on
/// it. Disposing stops the nodes, drops the store and deletes the folder, in that order.
/// </summary>
public sealed class ClusterRun : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private ClusterRun(TempFolder folder, PostgresTestStore store, TestCluster cluster)
    {
        _folder = folder;
        Store = store;
        Cluster = cluster;
    }

    public PostgresTestStore Store { get; }

    public TestCluster Cluster { get; }

    /// <summary>Starts the nodes on a new store and waits until they form one cluster whose
    /// first rounds have run.</summary>
    /// <param name="name">Starts the database's name, to tell runs apart on the server.</param>
    public static async Task<ClusterRun> StartAsync(string name, int collectors, int gateways = 0)
    {
        var folder = new TempFolder();
        PostgresTestStore? store = null;
        try
        {
            store = await PostgresTestStore.CreateAsync(name, folder.Path);
            var cluster = await TestCluster.StartAsync(store, folder.Path, collectors, gateways);
            return new ClusterRun(folder, store, cluster);
        }
        catch
        {
            if (store is not null)
                await store.DisposeAsync();
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Every (symbol, interval) stored, read once the nodes have stopped, so no write
    /// is still on its way.</summary>
    public async Task<IReadOnlyDictionary<(string Symbol, BarInterval Interval),
        IReadOnlyList<Candle>>> StoppedRowsAsync()
    {
        await Cluster.DisposeAsync();
        return await StoredRows.ReadAsync(Store, ReplaySession.Symbols);
    }

    /// <summary>
    /// Stops the nodes and asserts the store holds exactly the recorded minutes rolled up,
    /// and exactly what the single-node reference run stored: none lost, none duplicated.
    /// </summary>
    public async Task AssertStoredAsReferenceAsync(ReferenceRun reference)
    {
        var stored = await StoppedRowsAsync();
        StoredRows.AssertEqual(
            ReplaySession.Expected(), stored, "the recorded minutes", "the cluster");
        StoredRows.AssertEqual(reference.Rows, stored, "the single-node run", "the cluster");
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Store.DisposeAsync();
        _folder.Dispose();
    }
}
