using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.EndToEnd.Tests.Harness;
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
}
