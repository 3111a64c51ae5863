using System.Net.Http.Headers;
using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// Caching of chart answers on a node whose clock stands at 12:03:20: a 200 may be kept until
/// its interval's next bar closes plus the settle delay (5 s), and revalidates to a 304 while
/// nothing it holds has changed; an error is never kept.
/// </summary>
public sealed class CacheControlTests(MidBarNode fixture) : IClassFixture<MidBarNode>
{
    private const string Chart = "/api/v1/candles/AAPL?interval=5m";

    [Theory]
    [InlineData("1m", 12, 4)]
    [InlineData("5m", 12, 5)]
    [InlineData("30m", 12, 30)]
    [InlineData("1h", 12, 30)]
    [InlineData("1d", 16, 0)]
    public async Task Max_age_runs_to_the_next_close_of_the_interval_plus_the_settle_delay(
        string interval, int closeHour, int closeMinute)
    {
        // arrange: 1h bars sit on the 09:30 grid, so the next one closes at 12:30
        var due = Et.At(2026, 12, 3, closeHour, closeMinute) + Duration.FromSeconds(5);

        // act
        var answer = await HttpJson.GetAsync(
            fixture.Node.Http, $"/api/v1/candles/AAPL?interval={interval}");

        // assert
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.True(answer.CacheControl()!.Public);
        Assert.Equal((int)(due - MidBarNode.At).TotalSeconds, answer.MaxAge());
    }

    [Fact]
    public async Task Max_age_at_12_03_20_for_5m_is_the_105_seconds_to_12_05_05()
    {
        // act
        var answer = await HttpJson.GetAsync(fixture.Node.Http, Chart);

        // assert: 100 s to the 12:05 close, 5 s of settle delay
        Assert.Equal(105, answer.MaxAge());
    }

    [Fact]
    public async Task Unchanged_chart_revalidates_to_304_with_no_body_and_the_same_headers()
    {
        // arrange
        var first = await HttpJson.GetAsync(fixture.Node.Http, Chart);
        var tag = first.ETag();
        Assert.NotNull(tag);

        // act
        var again = await CacheHeaders.RevalidateAsync(fixture.Node.Http, Chart, tag);

        // assert
        Assert.True(again.Status == 304, again.ToString());
        Assert.Equal("", again.Text);
        Assert.Equal(tag, again.ETag());
        Assert.Equal(first.CacheControl(), again.CacheControl());
    }

    [Fact]
    public async Task Same_chart_twice_has_the_same_etag_and_another_window_another()
    {
        // act
        var first = await HttpJson.GetAsync(fixture.Node.Http, Chart);
        var second = await HttpJson.GetAsync(fixture.Node.Http, Chart);
        var fewer = await HttpJson.GetAsync(fixture.Node.Http, Chart + "&limit=3");

        // assert: the tag follows what the answer holds, not when it was asked
        Assert.Equal(first.ETag(), second.ETag());
        Assert.NotEqual(first.ETag(), fewer.ETag());
    }

    [Fact]
    public async Task Tag_of_another_chart_does_not_revalidate()
    {
        // arrange
        var other = await HttpJson.GetAsync(fixture.Node.Http, Chart + "&limit=3");

        // act
        var answer = await CacheHeaders.RevalidateAsync(fixture.Node.Http, Chart, other.ETag()!);

        // assert
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.NotEmpty(answer.Candles());
    }

    [Fact]
    public async Task Star_if_none_match_revalidates_any_current_chart()
    {
        // act
        var answer = await CacheHeaders.RevalidateAsync(
            fixture.Node.Http, Chart, EntityTagHeaderValue.Any);

        // assert
        Assert.Equal(304, answer.Status);
    }

    [Fact]
    public async Task Bad_input_is_no_store_and_has_no_etag()
    {
        // act
        var answer = await HttpJson.GetAsync(
            fixture.Node.Http, "/api/v1/candles/AAPL?interval=7m");

        // assert
        Assert.Equal(400, answer.Status);
        Assert.True(answer.CacheControl()!.NoStore);
        Assert.Null(answer.CacheControl()!.MaxAge);
        Assert.Null(answer.ETag());
    }
}
