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
    public IReadOnlyDictionary<(string Symbol, BarInterval Interval), IReadOnlyList<Candle>>
        Rows { get; private set; } =
        new Dictionary<(string, BarInterval), IReadOnlyList<Candle>>();

    public async Task InitializeAsync()
    {
        if (SharedData.Directory is null || !OperatingSystem.IsLinux())
            return;

        await using var run = await ClusterRun.StartAsync("reference", collectors: 1);
        foreach (var step in ReplaySession.Steps)
            await run.Cluster.PlayToAsync(step);

        Rows = await run.StoppedRowsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
