using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.EndToEnd.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Akka.Collector.EndToEnd.Tests.Restart.RestartDay;

namespace Akka.Collector.EndToEnd.Tests.Restart;

/// <summary>
/// Invariant 3 after an outage: a node that was down for 30 minutes of market time holds
/// every bar of every interval once it is back, none twice.
/// </summary>
public sealed class OfflineRecoveryTests : IDisposable
{
    private readonly StoreFolder _store = new("offline");

    [Fact]
    public async Task A_node_down_for_30_minutes_recovers_every_bar_of_every_interval_once()
    {
        // arrange: a node collects up to noon and stops
        await using (var first = await StartAsync(Noon + Duration.FromSeconds(40)))
            await first.WaitForStartupRoundsAsync();

        // act: it comes back at 12:30:40, thirty minutes of bar closes later
        await using var second = await StartAsync(Noon + Duration.FromMinutes(30) +
            Duration.FromSeconds(40));
        await second.WaitForStartupRoundsAsync();
        var stored = await StoredBars.ReadAsync(second.Store, Universe);

        // assert: per (symbol, interval) exactly what a fresh fetch of the whole window gives
        var grid = second.Services.GetRequiredService<BarGrid>();
        foreach (var ((symbol, interval), bars) in stored.Bars)
        {
            var from = grid.BackfillStart(second.Now, interval.IsDaily ? 5 : 2);
            var to = grid.LatestClosed(second.Now - Settle, interval).End;
            var expected = await FreshFetch.BarsAsync(
                second, symbol, interval, new TimeRange(from, to));

            Assert.True(bars.Count > 0, $"{symbol} {interval}: nothing stored");
            Assert.Equal(bars.Count, bars.Select(b => b.Start).Distinct().Count());
            Assert.Equal(expected, bars);
        }

        Assert.Equal(Universe.Length * BarInterval.All.Count, stored.Bars.Count);
    }

    public void Dispose() => _store.Dispose();

    private Task<TestNode> StartAsync(Instant at) =>
        TestNode.StartAsync(at, Universe, directory: _store.Path);
}
