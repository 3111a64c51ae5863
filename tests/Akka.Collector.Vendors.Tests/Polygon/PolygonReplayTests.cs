using Akka.Collector.Domain.Intervals;
using Akka.Collector.TestSupport.Data;
using Akka.Collector.Vendors.Replay;
using Akka.Collector.Vendors.Tests.Support;

namespace Akka.Collector.Vendors.Tests.Polygon;

/// <summary>The client over recorded real minutes (react-stockcharts) served by the mock.</summary>
public sealed class PolygonReplayTests
{
    [SharedDataFact]
    public async Task Recorded_sessions_come_back_whole_through_small_pages()
    {
        // arrange: every recorded session, replayed up to Friday 2026-12-04
        var recorded = new ReplayOptions
        {
            Directory = Path.Combine(SharedData.Directory!, "react-stockcharts"),
        };
        await using var h = await PolygonHarness.StartAsync(
            clock => ReplaySourceFactory.Create(recorded, clock, Calendars.Grid()));
        var replay = (ReplayBarSource)h.Truth;
        var from = Clocks.Et(2026, 10, 1, 0, 0);
        var to = Clocks.Et(2026, 12, 5, 0, 0);
        h.Vendor.Faults.PolygonPageLimit = 2_000;
        var client = h.Client();

        var symbols = replay.Symbols.Select(s => s.Value).ToList();

        foreach (var interval in new[] { BarInterval.M1, BarInterval.M5, BarInterval.D1 })
        {
            // act
            var expected = await replay.Batch(symbols, interval, from, to);
            var bars = await client.Batch(symbols, interval, from, to);

            // assert
            var served = bars.Bars.Keys.Select(s => s.Value).Order(StringComparer.Ordinal);
            Assert.Equal(symbols, served);
            foreach (var symbol in replay.Symbols)
            {
                Assert.NotEmpty(expected.For(symbol));
                Assert.Equal(expected.For(symbol), bars.For(symbol));
            }
        }

        // 1m pages of 2000 minutes: several a symbol, each counted by the mock
        Assert.True(h.Vendor.Requests.All.Count(r => r.PageToken is not null) > 0);
        Assert.Equal(h.Vendor.Requests.CountOf("polygon"), client.Counters.Pages);
        Assert.Equal(0, client.Counters.OffGrid + client.Counters.Inconsistent);
    }
}
