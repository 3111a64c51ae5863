using System.Globalization;
using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;
using static Akka.Collector.EndToEnd.Tests.Gateway.ChartJson;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// The fresh path: after the start-up rounds a universe symbol's chart is answered at once from
/// the store, up to the latest closed bar, in the documented shape.
/// </summary>
public sealed class FreshCandlesTests(NoonNode fixture) : IClassFixture<NoonNode>
{
    private const string Chart = "/api/v1/candles/AAPL?interval=5m";
    private static readonly Instant LatestClosed5m = NoonNode.Noon - Duration.FromMinutes(5);

    [Fact]
    public async Task Fresh_chart_answers_200_with_symbol_interval_zone_and_fresh_flag()
    {
        // act
        var answer = await HttpJson.GetAsync(fixture.Node.Http, Chart);

        // assert
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal("AAPL", answer.Body.GetProperty("symbol").GetString());
        Assert.Equal("5m", answer.Body.GetProperty("interval").GetString());
        Assert.Equal("America/New_York", answer.Body.GetProperty("timeZone").GetString());
        Assert.True(answer.Fresh());
    }

    [Fact]
    public async Task Every_candle_has_utc_iso_start_epoch_ms_and_consistent_ohlcv()
    {
        // act
        var answer = await HttpJson.GetAsync(fixture.Node.Http, Chart);

        // assert
        Assert.NotEmpty(answer.Candles());
        foreach (var candle in answer.Candles())
        {
            var start = candle.GetProperty("start").GetString()!;
            Assert.EndsWith("Z", start);
            var parsed = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture);
            Assert.Equal(parsed.ToUnixTimeMilliseconds(), candle.GetProperty("t").GetInt64());

            var (o, h, l, c) = (Price(candle, "o"), Price(candle, "h"), Price(candle, "l"),
                Price(candle, "c"));
            Assert.True(l <= o && o <= h && l <= c && c <= h, $"inconsistent bar {candle}");
            Assert.True(candle.GetProperty("v").GetInt64() >= 0, $"negative volume {candle}");
        }
    }

    [Fact]
    public async Task Candles_are_ascending_and_end_with_the_latest_closed_bar()
    {
        // act
        var answer = await HttpJson.GetAsync(fixture.Node.Http, Chart);

        // assert: strictly ascending, and the last bar is 11:55-12:00 ET (clock at 12:00:40)
        var starts = answer.Starts();
        Assert.True(starts.Zip(starts.Skip(1), (a, b) => a < b).All(up => up), "not ascending");
        Assert.Equal(LatestClosed5m, starts[^1]);
    }

    [Fact]
    public async Task Limit_keeps_only_the_newest_bars()
    {
        // arrange
        var all = await HttpJson.GetAsync(fixture.Node.Http, Chart);

        // act
        var limited = await HttpJson.GetAsync(fixture.Node.Http, Chart + "&limit=10");

        // assert
        Assert.Equal(200, limited.Status);
        Assert.Equal(all.Starts().TakeLast(10), limited.Starts());
        Assert.Equal(LatestClosed5m, limited.LastStart());
    }

    [Fact]
    public async Task From_to_returns_the_bars_starting_inside_the_range_in_iso_and_epoch_forms()
    {
        // arrange: 10:00 to 11:00 ET, a past hour of today's session
        var from = Et.At(2026, 12, 3, 10, 0);
        var to = Et.At(2026, 12, 3, 11, 0);

        // act
        var iso = await HttpJson.GetAsync(
            fixture.Node.Http, $"{Chart}&from={Iso(from)}&to={Iso(to)}");
        var epoch = await HttpJson.GetAsync(
            fixture.Node.Http, $"{Chart}&from={Ms(from)}&to={Ms(to)}");

        // assert: the twelve bars 10:00 ... 10:55, whichever way the range was written
        Assert.Equal(200, iso.Status);
        Assert.True(iso.Fresh());
        Assert.Equal(Enumerable.Range(0, 12).Select(i => from + Duration.FromMinutes(5 * i)),
            iso.Starts());
        Assert.Equal(iso.Text, epoch.Text);
    }

    [Theory]
    [InlineData("2026-12-03T15:00Z", "2026-12-03T16:00Z")]
    [InlineData("2026-12-03T10:00-05:00", "2026-12-03T11:00-05:00")]
    public async Task Iso_times_without_seconds_mean_the_whole_minute(string from, string to)
    {
        // arrange: 10:00 to 11:00 ET written with seconds
        var withSeconds = await HttpJson.GetAsync(fixture.Node.Http,
            $"{Chart}&from=2026-12-03T15:00:00Z&to=2026-12-03T16:00:00Z");

        // act
        var window = $"from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}";
        var withoutSeconds = await HttpJson.GetAsync(fixture.Node.Http, $"{Chart}&{window}");

        // assert
        Assert.True(withoutSeconds.Status == 200, withoutSeconds.ToString());
        Assert.Equal(12, withoutSeconds.Candles().Count);
        Assert.Equal(withSeconds.Text, withoutSeconds.Text);
    }

    [Fact]
    public async Task Lower_case_symbol_is_answered_under_its_upper_case_name()
    {
        // act
        var answer = await HttpJson.GetAsync(
            fixture.Node.Http, "/api/v1/candles/msft?interval=5m&limit=1");

        // assert
        Assert.Equal(200, answer.Status);
        Assert.Equal("MSFT", answer.Body.GetProperty("symbol").GetString());
        Assert.Equal(LatestClosed5m, answer.LastStart());
    }

    private static decimal Price(System.Text.Json.JsonElement candle, string name) =>
        candle.GetProperty(name).GetDecimal();
}
