using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;
using static Akka.Collector.EndToEnd.Tests.Gateway.StaleSymbolNode;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// The stale path: a chart whose data is behind makes its symbol fetch now and waits a bounded
/// time. 200 when the bars arrive; 503 with an honest Retry-After only while that fetch is
/// in flight (invariant 5); allowStale answers with what is stored at once.
/// </summary>
public sealed class StaleCandlesTests
{
    private static readonly TimeSpan Signal = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Stale_chart_waits_for_the_fetch_and_answers_200_with_the_new_bar()
    {
        // arrange
        await using var stale = await StartAsync(staleWait: "20s");
        stale.Gate.Close();

        // act: the request reaches the vendor and waits there until the gate opens
        var pending = HttpJson.GetAsync(stale.Node.Http, Chart);
        await stale.Gate.RequestWaiting.WaitAsync(Signal);
        Assert.False(pending.IsCompleted, "answered before the fetch could finish");
        stale.Gate.Open();
        var answer = await pending;

        // assert
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.True(answer.Fresh());
        Assert.Equal(NewBar, answer.LastStart());
    }

    [Fact]
    public async Task Fetch_outlasting_the_wait_is_a_503_with_retry_after_and_the_newest_bar()
    {
        // arrange
        await using var stale = await StartAsync(staleWait: "300ms");
        stale.Gate.Close();

        // act
        var answer = await HttpJson.GetAsync(stale.Node.Http, Chart);

        // assert: a fetch for it is truly in flight, and the answer says so and what is stored
        Assert.True(answer.Status == 503, answer.ToString());
        await stale.Gate.RequestWaiting.WaitAsync(Signal);
        Assert.Equal("application/problem+json", answer.ContentType);
        var retryAfter = Assert.Single(answer.Response.Headers.GetValues("Retry-After"));
        Assert.True(int.TryParse(retryAfter, out var seconds) && seconds >= 1, retryAfter);

        var newest = answer.Body.GetProperty("newest");
        var bar = newest.GetProperty("bar");
        Assert.Equal(ChartJson.Ms(StoredBar), bar.GetProperty("t").GetInt64());
        Assert.Equal(305, newest.GetProperty("ageSeconds").GetDouble());
    }

    [Fact]
    public async Task First_chart_of_a_never_seen_symbol_is_a_202_to_poll_while_it_onboards()
    {
        // arrange: ZZZZ was never collected, and its vendor check hangs at the gate (the
        // entity's estimate for each step of a first backfill has its own actor specs)
        GateVendor? gate = null;
        await using var node = await TestNode.StartAsync(
            NoonNode.Noon + Duration.FromSeconds(40), NoonNode.Universe,
            hocon: """
                collector.gateway.stale-wait = 300ms
                collector.vendor.request-timeout = 20s
                collector.collection.sessions-per-fetch.5m = 1
                """,
            vendor: sp => gate = new GateVendor(Synthetic.For(sp), Symbol));
        await node.WaitForStartupRoundsAsync();
        gate!.Close();

        // act
        var answer = await HttpJson.GetAsync(node.Http, Chart);

        // assert: accepted, with where to poll and when; the onboarding's fetch is waiting
        Assert.True(answer.Status == 202, answer.ToString());
        await gate.RequestWaiting.WaitAsync(Signal);
        Assert.Equal("2", Assert.Single(answer.Response.Headers.GetValues("Retry-After")));
        Assert.Equal(Chart, answer.Response.Headers.Location?.OriginalString);
        Assert.Equal("onboarding", answer.Body.GetProperty("status").GetString());
        gate.Open();
    }

    [Fact]
    public async Task Retry_after_a_503_answers_200_once_the_fetch_in_flight_is_done()
    {
        // arrange: a 503 while the gate holds the fetch
        await using var stale = await StartAsync(staleWait: "300ms");
        stale.Gate.Close();
        var refused = await HttpJson.GetAsync(stale.Node.Http, Chart);
        Assert.True(refused.Status == 503, refused.ToString());

        // act: the vendor answers; the client retries after the fetch is stored
        stale.Gate.Open();
        await stale.WaitCollectedAsync();
        var retried = await HttpJson.GetAsync(stale.Node.Http, Chart);

        // assert
        Assert.True(retried.Status == 200, retried.ToString());
        Assert.True(retried.Fresh());
        Assert.Equal(NewBar, retried.LastStart());
    }

    [Fact]
    public async Task Allow_stale_answers_at_once_with_what_is_stored_and_its_age()
    {
        // arrange: a long stale-wait, so only an answer that does not wait can pass
        await using var stale = await StartAsync(staleWait: "20s");
        stale.Gate.Close();

        // act
        var answer = await HttpJson.GetAsync(stale.Node.Http, Chart + "&allowStale=true");

        // assert
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.False(answer.Fresh());
        Assert.Equal(StoredBar, answer.LastStart());
        Assert.Equal(ChartJson.Iso(NewBar), answer.Body.GetProperty("collectedUpTo").GetString());
        Assert.Equal(305, answer.Body.GetProperty("newestBarAgeSeconds").GetDouble());
    }
}
