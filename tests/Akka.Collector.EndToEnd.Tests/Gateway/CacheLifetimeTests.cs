using Akka.Collector.Domain.Intervals;
using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// How long a chart may be kept as the market clock moves: revalidation holds while no bar
/// closes, a new bar changes the ETag, a weekend runs to Monday's first close, and nothing
/// is kept while a fetch for the chart is in flight. Each test moves its own node's clock.
/// </summary>
public sealed class CacheLifetimeTests
{
    private const string Chart = "/api/v1/candles/AAPL?interval=5m";

    [Fact]
    public async Task Chart_revalidates_until_the_next_bar_and_the_new_bar_changes_the_etag()
    {
        // arrange: a chart fetched at 12:03:20
        await using var node = await TestNode.StartAsync(MidBarNode.At, NoonNode.Universe);
        await node.WaitForStartupRoundsAsync();
        var first = await HttpJson.GetAsync(node.Http, Chart);
        Assert.True(first.Status == 200, first.ToString());

        // act: 40 s later nothing has closed; then the 12:05 bar closes and its round runs
        node.AdvanceTo(Et.At(2026, 12, 3, 12, 4, 0));
        var unchanged = await CacheHeaders.RevalidateAsync(node.Http, Chart, first.ETag()!);
        node.AdvanceTo(Et.At(2026, 12, 3, 12, 5, 5));
        await node.Rounds.WaitAsync(
            r => r.Interval == BarInterval.M5 && r.UpTo == Et.At(2026, 12, 3, 12, 5),
            "5m round up to 12:05");
        var changed = await CacheHeaders.RevalidateAsync(node.Http, Chart, first.ETag()!);

        // assert: the 304 counts down to the same 12:05:05; the 200 holds the 12:00 bar and
        // may be kept until 12:10:05
        Assert.True(unchanged.Status == 304, unchanged.ToString());
        Assert.Equal(first.ETag(), unchanged.ETag());
        Assert.Equal(65, unchanged.MaxAge());
        Assert.True(changed.Status == 200, changed.ToString());
        Assert.NotEqual(first.ETag(), changed.ETag());
        Assert.Equal(Et.At(2026, 12, 3, 12, 0), changed.LastStart());
        Assert.Equal(300, changed.MaxAge());
    }

    [Theory]
    [InlineData("5m", 9, 35)]
    [InlineData("1h", 10, 30)]
    [InlineData("1d", 16, 0)]
    public async Task Friday_after_the_close_runs_to_the_first_close_on_monday(
        string interval, int closeHour, int closeMinute)
    {
        // arrange: Friday 2026-12-04 at 17:00 ET; the next session is Monday 12-07
        var friday = Et.At(2026, 12, 4, 17, 0);
        await using var node = await TestNode.StartAsync(friday, NoonNode.Universe);
        await node.WaitForStartupRoundsAsync();
        var due = Et.At(2026, 12, 7, closeHour, closeMinute) + Duration.FromSeconds(5);

        // act
        var answer = await HttpJson.GetAsync(
            node.Http, $"/api/v1/candles/AAPL?interval={interval}");

        // assert
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.True(answer.Fresh());
        Assert.Equal((int)(due - friday).TotalSeconds, answer.MaxAge());
    }

    [Fact]
    public async Task Nothing_is_kept_while_a_fetch_for_the_chart_is_in_flight()
    {
        // arrange: ZZZZ is stale and its fetch is held at the vendor
        await using var stale = await StaleSymbolNode.StartAsync(staleWait: "300ms");
        stale.Gate.Close();

        // act
        var refused = await HttpJson.GetAsync(stale.Node.Http, StaleSymbolNode.Chart);
        await stale.Gate.RequestWaiting.WaitAsync(TimeSpan.FromSeconds(30));
        var stored = await HttpJson.GetAsync(
            stale.Node.Http, StaleSymbolNode.Chart + "&allowStale=true");

        // assert: the 503 is no-store; what is stored may be shown but must be revalidated
        Assert.True(refused.Status == 503, refused.ToString());
        Assert.True(refused.CacheControl()!.NoStore);
        Assert.Null(refused.ETag());
        Assert.True(stored.Status == 200, stored.ToString());
        Assert.False(stored.Fresh());
        Assert.Equal(0, stored.MaxAge());
        Assert.NotNull(stored.ETag());
    }
}
