using Akka.Collector.Domain.Intervals;
using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.Vendors;
using NodaTime;
using static Akka.Collector.EndToEnd.Tests.Metrics.Scrape;

namespace Akka.Collector.EndToEnd.Tests.Metrics;

/// <summary>
/// GET /metrics on a real node whose rounds ran on virtual time: every round and every
/// vendor request is counted under its interval, failures under their reason, and the
/// numbers agree with what the collectors published and the vendor was asked.
/// </summary>
public sealed class RoundMetricsTests
{
    private static readonly Instant At = MidBarNode.At;

    [Fact]
    public async Task Rounds_and_vendor_requests_are_counted_for_the_intervals_that_ran()
    {
        // arrange: start-up rounds at 12:03:20, then the 12:04 (1m, 2m) and 12:05 (1m, 5m)
        // closes and their rounds
        RecordingVendor? vendor = null;
        await using var node = await TestNode.StartAsync(At, NoonNode.Universe,
            vendor: sp => vendor = new RecordingVendor(Synthetic.For(sp)));
        await node.WaitForStartupRoundsAsync();
        node.AdvanceTo(Et.At(2026, 12, 3, 12, 5, 5));
        await RoundUpToAsync(node, BarInterval.M1, Et.At(2026, 12, 3, 12, 5));
        await RoundUpToAsync(node, BarInterval.M2, Et.At(2026, 12, 3, 12, 4));
        await RoundUpToAsync(node, BarInterval.M5, Et.At(2026, 12, 3, 12, 5));
        await node.WaitForTimersAsync();

        // act
        var metrics = await node.MetricsAsync();

        // assert: the counts are the rounds the collectors published, interval by interval
        var reports = node.Rounds.All;
        foreach (var interval in BarInterval.All)
        {
            var ran = reports.Where(r => r.Interval == interval).ToList();
            var tag = Interval(interval.Name);
            Assert.Equal(ran.Count, metrics.Value("collector_rounds_total", tag));
            Assert.Equal(ran.Count, metrics.Value("collector_round_duration_seconds_count", tag));
            Assert.Equal(ran.Sum(r => r.SymbolsDone),
                metrics.Value("collector_round_symbols_done_total", tag));
        }

        Assert.Equal(2, metrics.Value("collector_rounds_total", Interval("5m")));
        Assert.Equal(1, metrics.Value("collector_rounds_total", Interval("1h")));
        Assert.Equal(0, metrics.Value("collector_round_lag_seconds", Interval("5m")));
        Assert.Empty(metrics.Matching("collector_round_failures_total"));

        // every vendor call was counted once, as ok, under the interval whose batcher sent it
        var asked = vendor!.Requests;
        Assert.Equal(asked.Count, metrics.Sum("collector_vendor_requests_total",
            ("vendor", "synthetic"), ("outcome", "ok")));
        Assert.Equal(asked.Count(r => r.Interval == BarInterval.M5),
            metrics.Value("collector_vendor_requests_total", Interval("5m")));

        Assert.Equal("counter", metrics.Types["collector_rounds_total"]);
        Assert.Equal("histogram", metrics.Types["collector_round_duration_seconds"]);
        Assert.Equal("gauge", metrics.Types["collector_round_lag_seconds"]);
    }

    [Fact]
    public async Task Failing_rounds_count_their_symbols_by_reason_and_their_lag_grows()
    {
        // arrange: after the start-up rounds every vendor request is refused as rate limited
        SwitchVendor? vendor = null;
        await using var node = await TestNode.StartAsync(At, NoonNode.Universe,
            vendor: sp => vendor = new SwitchVendor(Synthetic.For(sp)));
        await node.WaitForStartupRoundsAsync();
        vendor!.FailAll(new BarSourceException(FailureKind.RateLimited, "429 slow down"));

        // act: the 12:05 bar closes and its 5m round fails
        node.AdvanceTo(Et.At(2026, 12, 3, 12, 5, 5));
        var failed = await RoundUpToAsync(node, BarInterval.M5, Et.At(2026, 12, 3, 12, 5));
        await node.WaitForTimersAsync();
        var metrics = await node.MetricsAsync();

        // assert: three symbols failed as RateLimited; complete up to 12:00, 5 min behind
        Assert.Equal(NoonNode.Universe.Length, failed.SymbolsFailed);
        var fiveMinutes = Interval("5m");
        Assert.Equal(NoonNode.Universe.Length, metrics.Value(
            "collector_round_failures_total", fiveMinutes, ("reason", "RateLimited")));
        Assert.Equal(2, metrics.Value("collector_rounds_total", fiveMinutes));
        Assert.Equal(300, metrics.Value("collector_round_lag_seconds", fiveMinutes));
        Assert.True(metrics.Value("collector_vendor_requests_total",
            fiveMinutes, ("outcome", "RateLimited")) >= 1);
        Assert.True(metrics.Value("collector_vendor_requests_total",
            fiveMinutes, ("outcome", "ok")) >= 1, "the start-up round's requests are gone");
    }

    [Fact]
    public async Task Ticks_that_come_while_a_round_runs_are_counted_as_coalesced()
    {
        // arrange: every start-up request waits at the vendor, so the first rounds stay open
        GateVendor? gate = null;
        var beforeClose = Et.At(2026, 12, 3, 12, 4, 0);
        await using var node = await TestNode.StartAsync(beforeClose, NoonNode.Universe,
            vendor: sp =>
            {
                gate = new GateVendor(Synthetic.For(sp), Domain.Symbols.Symbol.Parse("AAPL"));
                gate.Close();
                return gate;
            });
        await gate!.RequestWaiting.WaitAsync(TimeSpan.FromSeconds(60));
        await node.WaitForTimersAsync();

        // act: 12:04:05, the 1m and 2m ticks come while their first rounds wait; then the
        // vendor answers and the follow-up rounds run
        node.AdvanceTo(Et.At(2026, 12, 3, 12, 4, 5));
        await node.WaitForTimersAsync();
        gate.Open();
        await RoundUpToAsync(node, BarInterval.M1, Et.At(2026, 12, 3, 12, 4), round: 2);
        await RoundUpToAsync(node, BarInterval.M2, Et.At(2026, 12, 3, 12, 4), round: 2);
        await node.WaitForStartupRoundsAsync();
        var metrics = await node.MetricsAsync();

        // assert
        Assert.Equal(1, metrics.Value("collector_ticks_coalesced_total", Interval("1m")));
        Assert.Equal(1, metrics.Value("collector_ticks_coalesced_total", Interval("2m")));
        Assert.Null(metrics.Value("collector_ticks_coalesced_total", Interval("5m")));
        Assert.Equal(2, metrics.Value("collector_rounds_total", Interval("1m")));
    }

    private static Task<Actors.Protocol.IntervalProtocol.RoundReport> RoundUpToAsync(
        TestNode node, BarInterval interval, Instant upTo, long? round = null) =>
        node.Rounds.WaitAsync(
            r => r.Interval == interval && r.UpTo == upTo && (round is null || r.RoundId == round),
            $"{interval} round up to {upTo}");
}
