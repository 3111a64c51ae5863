using System.Net.Http.Json;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.Gateway.Candles;
using Akka.Collector.TestSupport.Data;
using Akka.Collector.Vendors.Replay;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Replay;

/// <summary>
/// Real recorded minutes, played through a whole node: after a session has played on the
/// clock, the gateway serves that session's 390 start-labelled minutes, and every wider
/// interval equals the roll-up of those minutes on the session grid.
/// </summary>
public sealed class RecordedSessionPlaybackTests
{
    private static readonly Duration Settle = Duration.FromSeconds(5);

    // Thursday 2026-12-03: the last recorded session is played onto this one.
    private static readonly LocalDate Day = new(2026, 12, 3);

    public static TheoryData<string, string, string> Recordings => new()
    {
        { "AAPL", "react-stockcharts", "react-stockcharts/AAPL_INTRA_DAY.tsv" },
        { "MSFT", "react-stockcharts", "react-stockcharts/MSFT_INTRA_DAY.tsv" },
        { "SPX", "mplfinance", "mplfinance/SP500_NOV2019_IDay.csv" },
    };

    [SharedDataTheory]
    [MemberData(nameof(Recordings))]
    public async Task After_a_session_plays_every_interval_equals_the_recorded_minutes_rolled_up(
        string symbol, string format, string file)
    {
        // arrange: a node on the replay vendor, its clock at the open of the target session
        var path = SharedData.Path(file.Split('/'));
        var open = Et.At(Day.Year, Day.Month, Day.Day, 9, 30);
        await using var node = await TestNode.StartAsync(
            open,
            [symbol],
            $$"""
            collector.vendor {
              kind = replay
              replay.files = [{ symbol = {{symbol}}, path = "{{path}}", format = {{format}} }]
            }
            """);
        await node.WaitForStartupRoundsAsync();
        var grid = node.Services.GetRequiredService<BarGrid>();
        var session = grid.Calendar.SessionOn(Day)!;

        // act: the session plays on the clock, and past its daily round
        await SessionPlayer.PlayUntilAsync(node, session.Close + Settle, Settle);

        // assert: the last recorded session, moved onto this day, is what the gateway serves
        var recorded = RecordingFormats.Load(format, path)[^1];
        var minutes = recorded.Minutes
            .Select(m => m with { Start = session.Open + (m.Start - recorded.Open) })
            .ToList();
        Assert.Equal(390, minutes.Count);

        foreach (var interval in BarInterval.All)
        {
            var expected = interval == BarInterval.M1
                ? minutes
                : CandleAggregator.Aggregate(minutes, interval, grid);
            var served = await CandlesAsync(node, symbol, interval, session.Open, session.Close);

            Assert.True(served.Fresh, $"{interval} is not fresh after the session");
            Assert.Equal(expected.Count, served.Candles.Count);
            Assert.Equal(expected.Select(Dto), served.Candles);
        }
    }

    private static async Task<CandleResponse> CandlesAsync(
        TestNode node, string symbol, BarInterval interval, Instant from, Instant to)
    {
        var url = $"/api/v1/candles/{symbol}?interval={interval}&limit=1000" +
                  $"&from={from.ToUnixTimeMilliseconds()}&to={to.ToUnixTimeMilliseconds()}";
        return (await node.Http.GetFromJsonAsync<CandleResponse>(url))!;
    }

    private static CandleDto Dto(Candle c) => new(
        c.Start.ToString(), c.Start.ToUnixTimeMilliseconds(),
        c.Open, c.High, c.Low, c.Close, c.Volume);
}
