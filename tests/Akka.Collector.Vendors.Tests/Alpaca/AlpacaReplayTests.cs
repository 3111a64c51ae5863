using Akka.Collector.Domain.Intervals;
using Akka.Collector.TestSupport.Data;
using Akka.Collector.Vendors.Replay;
using Akka.Collector.Vendors.Tests.Support;
using static Akka.Collector.Vendors.Tests.Alpaca.Batches;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>
/// The client over the mock over recorded real minutes (react-stockcharts AAPL and MSFT,
/// 21 sessions replayed onto the sessions ending Friday 2026-12-04).
/// </summary>
public sealed class AlpacaReplayTests
{
    public static TheoryData<string> Served => ["1m", "2m", "5m", "15m", "30m", "1d"];

    [SharedDataTheory]
    [MemberData(nameof(Served))]
    public async Task Recorded_minutes_come_back_paged_exactly_as_the_replay_serves_them(
        string interval)
    {
        // arrange: five sessions of both symbols, pages of 500 bars across symbols
        await using var h = await AlpacaHarness.StartAsync((clock, grid) =>
            ReplaySourceFactory.Create(
                new ReplayOptions { Directory = SharedData.Path("react-stockcharts") },
                clock, grid));
        h.Faults.AlpacaPageLimit = 500;
        var request = AlpacaHarness.Request(["MSFT", "AAPL"], BarInterval.Parse(interval),
            Clocks.Et(2026, 11, 30, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));

        // act
        var fetched = await h.Client().FetchReportedAsync(request, CancellationToken.None);

        // assert
        var truth = await h.TruthAsync(request);
        AssertSame(truth, fetched.Batch);
        AssertDuplicateFree(fetched.Batch);
        Assert.True(fetched.Issues.IsClean, fetched.Issues.ToString());
        Assert.Equal((int)Math.Ceiling(BarCount(truth) / 500.0), fetched.Pages);
        Assert.Equal(2, truth.Bars.Count);
    }
}
