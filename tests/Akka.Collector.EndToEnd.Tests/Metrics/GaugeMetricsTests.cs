using System.Diagnostics.Metrics;
using Akka.Collector.Actors.Telemetry;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using static Akka.Collector.EndToEnd.Tests.Metrics.Scrape;

namespace Akka.Collector.EndToEnd.Tests.Metrics;

/// <summary>
/// The gauges the queue and the gap filler feed, and the meter's boundary: a node shows its
/// own instruments only, never those of another node in the same process.
/// </summary>
public sealed class GaugeMetricsTests
{
    [Fact]
    public async Task Queue_gauges_come_from_the_queue_and_show_the_last_report()
    {
        // arrange
        await using var node = await TestNode.StartAsync(MidBarNode.At, NoonNode.Universe);
        await node.WaitForStartupRoundsAsync();
        var before = await node.MetricsAsync();
        var feeder = node.Services.GetRequiredService<CollectorMetrics>();

        // act
        feeder.SetQueueDepth(12);
        feeder.SetGaps(open: 4, quarantined: 1, oldestGapAge: TimeSpan.FromMinutes(90));
        feeder.SetQueueDepth(7);
        var after = await node.MetricsAsync();

        // assert: the queue fed its depth and quarantine as it seeded the universe; no gap
        // filler pass has run yet (the first runs a minute of market time after start)
        Assert.Equal(0, before.Value("collector_queue_depth"));
        Assert.Equal(0, before.Value("collector_gaps_quarantined"));
        Assert.Equal(0, before.Value("collector_gaps_open"));
        Assert.Equal(7, after.Value("collector_queue_depth"));
        Assert.Equal(4, after.Value("collector_gaps_open"));
        Assert.Equal(1, after.Value("collector_gaps_quarantined"));
        Assert.Equal(5400, after.Value("collector_gap_oldest_age_seconds"));
    }

    [Fact]
    public async Task A_node_shows_only_its_own_meter_not_another_in_the_same_process()
    {
        // arrange: a second set of instruments, as another node in this process would have
        await using var node = await TestNode.StartAsync(MidBarNode.At, NoonNode.Universe);
        await node.WaitForStartupRoundsAsync();
        await using var elsewhere = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var other = new CollectorMetrics(elsewhere.GetRequiredService<IMeterFactory>());

        // act
        for (var i = 0; i < 5; i++)
            other.RoundEnded(BarInterval.M5, TimeSpan.FromSeconds(1), null, 3, EmptyFailures);
        other.SetQueueDepth(99);
        var metrics = await node.MetricsAsync();

        // assert: this node ran one 5m round, its start-up round, and its own queue is empty
        Assert.Equal(1, metrics.Value("collector_rounds_total", Interval("5m")));
        Assert.Equal(0, metrics.Value("collector_queue_depth"));
    }

    private static readonly IReadOnlyDictionary<string, int> EmptyFailures =
        new Dictionary<string, int>();
}
