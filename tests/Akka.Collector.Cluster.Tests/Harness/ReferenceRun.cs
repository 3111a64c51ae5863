using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.TestSupport.Data;

namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>
/// One node alone, over the same replay and the same clock steps as the cluster runs: what a
/// cluster must store. Run once for all cluster tests.
/// </summary>
public sealed class ReferenceRun : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public IReadOnlyDictionary<(string Symbol, BarInterval Interval), IReadOnlyList<Candle>>
        Rows { get; private set; } =
        new Dictionary<(string, BarInterval), IReadOnlyList<Candle>>();

    public async Task InitializeAsync()
    {
        if (SharedData.Directory is null || !OperatingSystem.IsLinux())
            return;

        await using var store = await PostgresTestStore.CreateAsync("reference", _folder.Path);
        await using (var node = await TestCluster.StartAsync(store, _folder.Path, collectors: 1))
        {
            foreach (var step in ReplaySession.Steps)
                await node.PlayToAsync(step);
        }

        Rows = await StoredRows.ReadAsync(store, ReplaySession.Symbols);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
