using System.Text.Json;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.Vendors;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Akka.Collector.EndToEnd.Tests.Gateway.ChartJson;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>GET /api/v1/status: per interval, how rounds went and when the next is due.</summary>
public sealed class StatusTests
{
    private static readonly Duration Settle = Duration.FromSeconds(5);

    [Fact]
    public async Task Status_after_the_noon_rounds_shows_every_interval_complete_and_without_lag()
    {
        // arrange: a node that finished its start-up rounds just before noon
        var noon = NoonNode.Noon;
        await using var node = await TestNode.StartAsync(noon - Duration.FromSeconds(40),
            NoonNode.Universe);
        await node.WaitForStartupRoundsAsync();
        var grid = node.Services.GetRequiredService<BarGrid>();

        // act: 12:00 closes; its rounds run; then the status is asked
        node.AdvanceTo(noon + Settle);
        foreach (var interval in new[] { "1m", "2m", "5m", "15m", "30m" })
        {
            await node.Rounds.WaitAsync(
                r => r.Interval.Name == interval && r.UpTo == noon, $"{interval} round at noon");
        }

        await node.WaitForTimersAsync();
        var status = await HttpJson.GetAsync(node.Http, "/api/v1/status");

        // assert
        Assert.True(status.Status == 200, status.ToString());
        Assert.Equal(NoonNode.Universe.Length, status.Body.GetProperty("universe").GetInt32());
        var rows = status.Body.GetProperty("intervals").EnumerateArray().ToList();
        Assert.Equal(BarInterval.All.Select(i => i.Name),
            rows.Select(r => r.GetProperty("interval").GetString()));

        foreach (var (interval, row) in BarInterval.All.Zip(rows))
        {
            var round = row.GetProperty("lastRound");
            var upTo = grid.LatestClosed(node.Now - Settle, interval).End;
            var next = grid.NextClose(node.Now - Settle, interval) + Settle;
            Assert.Equal(NoonNode.Universe.Length, round.GetProperty("symbolsDone").GetInt32());
            Assert.Equal(0, round.GetProperty("symbolsFailed").GetInt32());
            Assert.True(round.GetProperty("durationMs").GetDouble() >= 0, $"{interval}: {round}");
            Assert.Equal(Iso(upTo), round.GetProperty("upTo").GetString());
            Assert.Equal(0, row.GetProperty("ticksCoalesced").GetInt64());
            Assert.Equal(Iso(next), row.GetProperty("nextRoundAt").GetString());
            Assert.Equal(0, row.GetProperty("lagSeconds").GetDouble());
        }
    }

    [Fact]
    public async Task Status_with_every_symbol_failing_from_the_start_shows_no_lag_and_the_fault()
    {
        // arrange: a vendor that refuses every request from the first round on
        var fault = new BarSourceException(FailureKind.RateLimited, "429 slow down");
        await using var node = await TestNode.StartAsync(NoonNode.Noon + Duration.FromSeconds(40),
            NoonNode.Universe,
            vendor: sp =>
            {
                var vendor = new SwitchVendor(Synthetic.For(sp));
                vendor.FailAll(fault);
                return vendor;
            });
        await node.WaitForStartupRoundsAsync();

        // act
        var status = await HttpJson.GetAsync(node.Http, "/api/v1/status");

        // assert: no round collected every symbol, so there is no complete mark to measure
        // lag from (null, never 0), and the problem names the failure
        Assert.True(status.Status == 200, status.ToString());
        foreach (var row in status.Body.GetProperty("intervals").EnumerateArray())
        {
            var round = row.GetProperty("lastRound");
            Assert.Equal(3, round.GetProperty("symbolsFailed").GetInt32());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("lagSeconds").ValueKind);
            Assert.Equal(JsonValueKind.Null, row.GetProperty("completeUpTo").ValueKind);
            const string summary = "3 of 3 symbols failed: RateLimited; last: 429 slow down";
            Assert.Equal(summary, row.GetProperty("problem").GetString());
            Assert.Equal(summary, round.GetProperty("failures").GetString());
        }
    }

    [Fact]
    public async Task Status_after_failing_rounds_measures_lag_from_the_last_complete_round()
    {
        // arrange: start-up rounds collect every symbol up to 11:59 (1m) and 11:55 (5m)
        var noon = NoonNode.Noon;
        SwitchVendor? vendor = null;
        await using var node = await TestNode.StartAsync(noon - Duration.FromSeconds(40),
            NoonNode.Universe, vendor: sp => vendor = new SwitchVendor(Synthetic.For(sp)));
        await node.WaitForStartupRoundsAsync();

        // act: the vendor starts refusing; 12:00 closes and its rounds fail for every symbol
        vendor!.FailAll(new BarSourceException(FailureKind.NotEntitled, "plan ended"));
        node.AdvanceTo(noon + Settle);
        foreach (var interval in new[] { BarInterval.M1, BarInterval.M5 })
        {
            await node.Rounds.WaitAsync(
                r => r.Interval == interval && r.UpTo == noon, $"{interval} round at noon");
        }

        await node.WaitForTimersAsync();
        var status = await HttpJson.GetAsync(node.Http, "/api/v1/status");

        // assert: the failed rounds reached noon, but lag runs from the last complete round
        var rows = status.Body.GetProperty("intervals").EnumerateArray()
            .ToDictionary(r => r.GetProperty("interval").GetString()!);
        foreach (var (name, lag) in new[] { ("1m", 60), ("5m", 300) })
        {
            var row = rows[name];
            Assert.Equal(Iso(noon), row.GetProperty("lastRound").GetProperty("upTo").GetString());
            Assert.Equal(Iso(noon - Duration.FromSeconds(lag)),
                row.GetProperty("completeUpTo").GetString());
            Assert.Equal(lag, row.GetProperty("lagSeconds").GetDouble());
            Assert.Equal("3 of 3 symbols failed: NotEntitled; last: plan ended",
                row.GetProperty("problem").GetString());
        }
    }
}
