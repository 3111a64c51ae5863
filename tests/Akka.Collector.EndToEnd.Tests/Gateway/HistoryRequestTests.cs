using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Akka.Collector.EndToEnd.Tests.Gateway.ChartJson;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// Invariant 6 for a chart of old history: a 'to' before a symbol's backfill window changes
/// nothing, so the symbol's first real collection is still its bounded backfill.
/// </summary>
public sealed class HistoryRequestTests
{
    [Fact]
    public async Task Chart_ending_before_the_backfill_window_leaves_the_next_backfill_bounded()
    {
        // arrange: ZZZZ is outside the universe and never collected
        RecordingVendor? vendor = null;
        await using var node = await TestNode.StartAsync(
            NoonNode.Noon + Duration.FromSeconds(40), NoonNode.Universe,
            vendor: sp => vendor = new RecordingVendor(Synthetic.For(sp)));
        await node.WaitForStartupRoundsAsync();
        var grid = node.Services.GetRequiredService<BarGrid>();
        var backfillStart = grid.BackfillStart(node.Now, sessions: 2);
        var monthAgo = Iso(Et.At(2026, 11, 2, 10, 0));

        // act: a chart of a month ago, then the current chart
        const string chart = "/api/v1/candles/ZZZZ?interval=1m";
        var old = await HttpJson.GetAsync(node.Http, $"{chart}&to={monthAgo}");
        var current = await HttpJson.GetAsync(node.Http, chart);

        // assert: the old chart is not called fresh (nothing of it was collected), and the
        // current chart's fetch starts where a first backfill starts, not a month ago
        Assert.Equal(200, old.Status);
        Assert.False(old.Fresh());
        Assert.Equal(200, current.Status);
        var zzzz = Symbol.Parse("ZZZZ");
        var fetched = vendor!.Requests.Where(r => r.Symbols.Contains(zzzz)).ToList();
        Assert.NotEmpty(fetched);
        // (the chart onboarded ZZZZ: every interval to its own depth, 1d to five sessions)
        Assert.All(fetched, r =>
        {
            var start = r.Interval.IsDaily ? grid.BackfillStart(node.Now, 5) : backfillStart;
            Assert.True(r.Range.From >= start,
                $"fetched {r.Interval} {r.Range}; its backfill window starts at {start}");
        });
    }
}
