using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.EndToEnd.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Akka.Collector.EndToEnd.Tests.Restart.RestartDay;

namespace Akka.Collector.EndToEnd.Tests.Restart;

/// <summary>
/// Invariant 2 across a restart: a node started on the store of one that stopped resumes from
/// the stored watermarks. It re-fetches nothing it holds, and no bar is lost or duplicated.
/// </summary>
public sealed class RestartTests : IDisposable
{
    private readonly StoreFolder _store = new("restart");

    [Fact]
    public async Task Restarted_node_fetches_only_from_its_old_watermarks_and_keeps_every_bar()
    {
        // arrange: a first node backfills, and stops
        StoredBars before;
        await using (var first = await StartAsync(Noon + Duration.FromSeconds(40), _ => { }))
        {
            await first.WaitForStartupRoundsAsync();
            before = await StoredBars.ReadAsync(first.Store, Universe);
        }

        // act: a second node on the same file, seven minutes later
        RecordingVendor? vendor = null;
        var later = Noon + Duration.FromSeconds(460);
        await using var second = await StartAsync(later, v => vendor = v);
        await second.WaitForStartupRoundsAsync();
        var after = await StoredBars.ReadAsync(second.Store, Universe);

        // assert: only the intervals with bars closed since were asked for (1m, 2m, 5m)...
        var grid = second.Services.GetRequiredService<BarGrid>();
        var moved = BarInterval.All
            .Where(i => grid.LatestClosed(second.Now - Settle, i).End
                        > before.Watermarks[(Domain.Symbols.Symbol.Parse("AAPL"), i)])
            .Select(i => i.FetchedAs.Name);
        Assert.Equal(["1m", "2m", "5m"], moved);
        Assert.Equal(moved, vendor!.Requests.Select(r => r.Interval.Name).Distinct().Order(),
            StringComparer.Ordinal);

        // ...each symbol once per such interval, none from before its watermark
        var fetches = vendor.Requests.SelectMany(r => r.Symbols.Select(s => (s, r.Interval)));
        Assert.Equal(Universe.Length * moved.Count(), fetches.Count());
        Assert.Equal(fetches.Count(), fetches.Distinct().Count());
        foreach (var request in vendor.Requests)
        {
            foreach (var symbol in request.Symbols)
            {
                var marks = BarInterval.All.Where(i => i.FetchedAs == request.Interval)
                    .Select(i => before.Watermarks[(symbol, i)]);
                Assert.True(marks.Contains(request.Range.From),
                    $"{symbol} {request.Interval} fetched {request.Range}, not from a watermark " +
                    $"({string.Join(", ", marks)})");
            }
        }

        // and every old bar is kept as it was, followed by exactly the bars that closed since
        foreach (var (key, oldBars) in before.Bars)
        {
            var newBars = after.Bars[key];
            Assert.Equal(oldBars, newBars.Take(oldBars.Count));

            var closed = new TimeRange(before.Watermarks[key], after.Watermarks[key]);
            var expected = await FreshFetch.BarsAsync(second, key.Symbol, key.Interval, closed);
            Assert.Equal(expected, newBars.Skip(oldBars.Count));
        }
    }

    public void Dispose() => _store.Dispose();

    private Task<TestNode> StartAsync(Instant at, Action<RecordingVendor> seen) =>
        // Without corrections, so every fetch starts exactly at a watermark.
        TestNode.StartAsync(at, Universe, "collector.collection.correction-bars = 0",
            directory: _store.Path, vendor: sp =>
        {
            var vendor = new RecordingVendor(Synthetic.For(sp));
            seen(vendor);
            return vendor;
        });
}
