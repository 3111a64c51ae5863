using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// A node whose own clock has run past the market calendar (its data ends 2027-12-31): no
/// bar can be placed or judged fresh, and only an operator can fix it. Charts answer 503
/// saying so, without a Retry-After that would promise a later success; readiness fails,
/// liveness does not (a restart changes nothing). A client's own window outside the
/// calendar stays the client's mistake, a 400.
/// </summary>
public sealed class CalendarTests
{
    private const string Chart = "/api/v1/candles/AAPL?interval=5m";

    // Wednesday 2028-01-05 10:00 ET: a weekday the calendar knows nothing about.
    private static readonly Instant PastTheCalendar = Et.At(2028, 1, 5, 10, 0);

    [Fact]
    public async Task Past_the_calendar_charts_are_503_asking_for_an_operator_and_not_ready()
    {
        // arrange: no round can be scheduled, so nothing is awaited but the gateway
        await using var node = await TestNode.StartAsync(PastTheCalendar, NoonNode.Universe);

        // act
        var chart = await HttpJson.GetAsync(node.Http, Chart);
        var stale = await HttpJson.GetAsync(node.Http, Chart + "&allowStale=true");
        var ready = await HttpJson.GetAsync(node.Http, "/healthz/ready");
        var live = await HttpJson.GetAsync(node.Http, "/healthz/live");

        // assert
        foreach (var answer in new[] { chart, stale })
        {
            Assert.True(answer.Status == 503, answer.ToString());
            Assert.Equal("application/problem+json", answer.ContentType);
            Assert.False(answer.Response.Headers.Contains("Retry-After"));
            var detail = answer.Body.GetProperty("detail").GetString();
            Assert.Contains("Operator action needed", detail);
            Assert.Contains("ended on 2027-12-31", detail);
            Assert.True(answer.Body.GetProperty("operatorActionNeeded").GetBoolean());
        }

        Assert.True(ready.Status == 503, ready.ToString());
        Assert.Equal("calendar-exhausted", ready.Body.GetProperty("status").GetString());
        Assert.Contains("ended on 2027-12-31", ready.Body.GetProperty("problem").GetString());
        Assert.Equal(200, live.Status);
    }

    [Theory]
    [InlineData("&to=2020-06-01T00:00:00Z", "to")]
    [InlineData("&from=2029-01-01T00:00Z", "from")]
    [InlineData("&limit=0", "limit")]
    public async Task Past_the_calendar_a_bad_request_is_still_a_400(
        string query, string parameter)
    {
        // arrange
        await using var node = await TestNode.StartAsync(PastTheCalendar, NoonNode.Universe);

        // act
        var answer = await HttpJson.GetAsync(node.Http, Chart + query);

        // assert: the client's mistake is named before the node's
        Assert.True(answer.Status == 400, answer.ToString());
        Assert.Equal(parameter, answer.Body.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Past_the_calendar_the_status_names_the_calendar_as_every_interval_problem()
    {
        // arrange
        await using var node = await TestNode.StartAsync(PastTheCalendar, NoonNode.Universe);
        await node.StatusesAsync();

        // act
        var status = await HttpJson.GetAsync(node.Http, "/api/v1/status");

        // assert
        Assert.True(status.Status == 200, status.ToString());
        Assert.True(status.Body.GetProperty("calendarDaysLeft").GetInt32() < 0);
        foreach (var row in status.Body.GetProperty("intervals").EnumerateArray())
        {
            Assert.Contains(
                "install a newer calendar file", row.GetProperty("problem").GetString());
        }
    }
}
