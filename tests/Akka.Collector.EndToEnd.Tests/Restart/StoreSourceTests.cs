using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.TestSupport.Data;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Restart;

/// <summary>A store filled by one vendor is never served as another vendor's data.</summary>
public sealed class StoreSourceTests : IDisposable
{
    private readonly StoreFolder _store = new("source");

    [SharedDataFact]
    public async Task A_replay_node_refuses_a_store_the_synthetic_vendor_filled()
    {
        // arrange: a synthetic node has claimed the store
        var at = Et.At(2026, 12, 3, 12, 0);
        await using (var synthetic =
                     await TestNode.StartAsync(at, ["AAPL"], directory: _store.Path))
            await synthetic.WaitForStartupRoundsAsync();

        // act: a replay node starts on the same file
        var path = SharedData.Path("react-stockcharts", "AAPL_INTRA_DAY.tsv");
        var replay = $$"""
            collector.vendor {
              kind = replay
              replay.files = [{ symbol = AAPL, path = "{{path}}", format = react-stockcharts }]
            }
            """;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TestNode.StartAsync(
                at + Duration.FromMinutes(5), ["AAPL"], replay, directory: _store.Path));

        // assert: the reason names both sources and the setting to change
        Assert.Contains("'synthetic'", refused.Message);
        Assert.Contains("replay", refused.Message);
        Assert.Contains("collector.store.sqlite-path", refused.Message);
    }

    public void Dispose() => _store.Dispose();
}
