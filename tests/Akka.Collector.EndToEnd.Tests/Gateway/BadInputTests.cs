using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Harness;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// Invariant 6 at the HTTP edge: every malformed chart request is a 400 problem naming the
/// parameter at fault, never a 500, and changes nothing.
/// </summary>
public sealed class BadInputTests(NoonNode fixture) : IClassFixture<NoonNode>
{
    private const string Candles = "/api/v1/candles/";

    [Theory]
    [InlineData("AAPL;DROP?interval=5m", "symbol")]
    [InlineData("1ABC?interval=5m", "symbol")]
    [InlineData("ABCDEFGHIJK?interval=5m", "symbol")]
    [InlineData("A%20B?interval=5m", "symbol")]
    [InlineData("AAPL%2FX?interval=5m", "symbol")]
    [InlineData("%3Cscript%3E?interval=5m", "symbol")]
    [InlineData("%C3%84APL?interval=5m", "symbol")]
    [InlineData("%D0%90APL?interval=5m", "symbol")]
    [InlineData("%C5%BFPY?interval=5m", "symbol")]
    [InlineData("%C4%B1BM?interval=5m", "symbol")]
    [InlineData("A..B?interval=5m", "symbol")]
    [InlineData("AAPL.?interval=5m", "symbol")]
    [InlineData("BRK-?interval=5m", "symbol")]
    [InlineData("A--B?interval=5m", "symbol")]
    [InlineData("BRK-.B?interval=5m", "symbol")]
    [InlineData("AAPL", "interval")]
    [InlineData("AAPL?interval=", "interval")]
    [InlineData("AAPL?interval=7m", "interval")]
    [InlineData("AAPL?interval=5M", "interval")]
    [InlineData("AAPL?interval=%00", "interval")]
    [InlineData("AAPL?interval=5m&from=2026-12-03T16:00:00Z&to=2026-12-03T15:00:00Z", "from")]
    [InlineData("AAPL?interval=5m&from=1796313600000&to=1796310000000", "from")]
    [InlineData("AAPL?interval=5m&from=yesterday", "from")]
    [InlineData("AAPL?interval=5m&from=2026-12-03T15:00:00", "from")]
    [InlineData("AAPL?interval=5m&from=%00", "from")]
    [InlineData("AAPL?interval=5m&to=2026-13-01T00:00:00Z", "to")]
    [InlineData("AAPL?interval=5m&to=99999999999999999999", "to")]
    [InlineData("AAPL?interval=5m&to=1.5e12", "to")]
    [InlineData("AAPL?interval=5m&to=9999-12-31T23:59:59-01:00", "to")]
    [InlineData("AAPL?interval=5m&from=-9998-01-01T00:00:00%2B01:00", "from")]
    [InlineData("AAPL?interval=5m&from=-0001-06-01T00:00:00Z", "from")]
    [InlineData("AAPL?interval=5m&to=2015-01-01T00:00:00Z", "to")]
    [InlineData("AAPL?interval=5m&to=-62135596800000", "to")]
    [InlineData("AAPL?interval=1d&to=2021-01-04T20:00:00Z", "to")]
    [InlineData("AAPL?interval=5m&limit=0", "limit")]
    [InlineData("AAPL?interval=5m&limit=-1", "limit")]
    [InlineData("AAPL?interval=5m&limit=abc", "limit")]
    [InlineData("AAPL?interval=5m&limit=10001", "limit")]
    [InlineData("AAPL?interval=5m&limit=99999999999", "limit")]
    [InlineData("AAPL?interval=5m&from=2010-01-01T00:00:00Z&to=2026-12-03T00:00:00Z", "to")]
    [InlineData("AAPL?interval=5m&from=100000000000&to=1796256000000", "to")]
    [InlineData("AAPL?interval=5m&from=0001-01-01T00:00:00Z", "from")]
    [InlineData("AAPL?interval=5m&from=1900-01-01T00:00:00Z", "from")]
    [InlineData("AAPL?interval=5m&from=0", "from")]
    [InlineData("AAPL?interval=5m&from=1796313600", "from")]
    [InlineData("AAPL?interval=5m&to=99999999999", "to")]
    [InlineData("AAPL?interval=5m&from=-1", "from")]
    [InlineData("AAPL?interval=5m&to=-1796313600000", "to")]
    [InlineData("AAPL?interval=5m&from=1796313600000%00", "from")]
    [InlineData("AAPL?interval=5m&from=2026-12-03T14:30", "from")]
    [InlineData("AAPL?interval=5m&from=2020-06-01T00:00:00Z", "from")]
    [InlineData("AAPL?interval=5m&from=2020-06-01T00:00:00Z&to=2026-12-03T15:00:00Z", "from")]
    [InlineData("AAPL?interval=5m&to=2028-06-01T00:00:00Z", "to")]
    [InlineData("AAPL?interval=5m&from=2028-02-01T00:00Z&to=2028-03-01T00:00Z", "from")]
    [InlineData("AAPL?interval=5m&from=", "from")]
    [InlineData("AAPL?interval=5m&to=", "to")]
    [InlineData("AAPL?interval=5m&limit=", "limit")]
    [InlineData("AAPL?interval=5m&allowStale=", "allowStale")]
    [InlineData("AAPL?interval=5m&to=%20", "to")]
    [InlineData("AAPL?interval=5m&limit=1%00", "limit")]
    [InlineData("AAPL?interval=5m&limit=%2B5", "limit")]
    [InlineData("AAPL?interval=5m&limit=%205", "limit")]
    [InlineData("AAPL?interval=5m&allowStale=maybe", "allowStale")]
    [InlineData("AAPL?interval=5m&allowStale=1", "allowStale")]
    [InlineData("AAPL?interval=5m&allowStale=true%00", "allowStale")]
    [InlineData("AAPL?interval=5m&allowStale=%20true", "allowStale")]
    public async Task Malformed_request_is_a_400_problem_naming_the_parameter(
        string request, string parameter)
    {
        // act
        var answer = await HttpJson.GetAsync(fixture.Node.Http, Candles + request);

        // assert
        Assert.True(answer.Status == 400, $"expected 400, got {answer}");
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(parameter, answer.Body.GetProperty("parameter").GetString());
        Assert.Equal(400, answer.Body.GetProperty("status").GetInt32());
        Assert.Contains(parameter, answer.Body.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("A..B", "two punctuation marks in a row ('..')")]
    [InlineData("BRK-", "must not end with '-'")]
    [InlineData("AAPL.", "must not end with '.'")]
    [InlineData("AAPL?interval=5m&from=1796313600", "looks like epoch seconds; send milliseconds")]
    [InlineData("AAPL?interval=5m&to=-5", "negative epoch time")]
    [InlineData("AAPL?interval=5m&limit=", "limit is given but empty")]
    [InlineData("AAPL?interval=5m&from=", "from is given but empty")]
    [InlineData("AAPL?interval=5m&from=0001-01-01T00:00:00Z", "more than the allowed 3660 days")]
    [InlineData("AAPL?interval=5m&to=2015-01-01T00:00:00Z", "first date the market calendar")]
    [InlineData("AAPL?interval=5m&to=2028-06-01T00:00Z", "last date the market calendar covers")]
    public async Task Problem_detail_says_what_is_wrong_with_the_value(string request, string says)
    {
        // arrange: a bare symbol gets its interval here
        var path = Candles + (request.Contains('?') ? request : request + "?interval=5m");

        // act
        var answer = await HttpJson.GetAsync(fixture.Node.Http, path);

        // assert
        Assert.True(answer.Status == 400, $"expected 400, got {answer}");
        Assert.Contains(says, answer.Body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("AAPL?interval=5m&to=2015-01-01T00:00:00Z")]
    [InlineData("AAPL?interval=5m&from=2020-06-01T00:00:00Z")]
    [InlineData("AAPL?interval=1d&to=2021-01-04T20:00:00Z")]
    public async Task A_window_before_the_calendar_is_not_blamed_on_a_missing_calendar_file(
        string request)
    {
        // act
        var answer = await HttpJson.GetAsync(fixture.Node.Http, Candles + request);

        // assert: the client asked for a time before the data; no file an operator installs
        // changes that
        Assert.Equal(400, answer.Status);
        Assert.DoesNotContain("calendar file", answer.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Rejected_requests_for_an_uncollected_symbol_fetch_and_store_nothing()
    {
        // arrange: QQQQ is a well-formed symbol outside the universe, never collected
        string[] rejected =
        [
            "QQQQ?interval=7m", "QQQQ?interval=5m&limit=0", "QQQQ?interval=5m&allowStale=no",
            "QQQQ?interval=5m&from=1796313600000&to=1796310000000",
            "QQQQ?interval=5m&to=2015-01-01T00:00:00Z",
        ];

        // act
        var answers = new List<int>();
        foreach (var request in rejected)
            answers.Add((await HttpJson.GetAsync(fixture.Node.Http, Candles + request)).Status);

        // assert
        Assert.All(answers, status => Assert.Equal(400, status));
        var qqqq = Symbol.Parse("QQQQ");
        Assert.DoesNotContain(fixture.Vendor.Requests, r => r.Symbols.Contains(qqqq));
        Assert.Empty(await fixture.Node.Store.ReadWatermarksAsync(qqqq, default));
    }

    [Theory]
    [InlineData("%00?interval=5m")]
    [InlineData("AA%00PL?interval=5m")]
    public async Task Null_character_in_the_path_is_refused_with_400_before_the_gateway(
        string request)
    {
        // act: Kestrel rejects the request line itself, so no endpoint (and no problem body) runs
        var answer = await HttpJson.GetAsync(fixture.Node.Http, Candles + request);

        // assert
        Assert.Equal(400, answer.Status);
    }

    [Theory]
    [InlineData("AAPL")]
    [InlineData("AAPL?interval=7m")]
    [InlineData("AAPL?interval=1W")]
    public async Task Unknown_or_missing_interval_answer_lists_the_valid_intervals(string request)
    {
        // act
        var answer = await HttpJson.GetAsync(fixture.Node.Http, Candles + request);

        // assert
        Assert.Equal(400, answer.Status);
        Assert.Contains(BarInterval.ValidNames, answer.Body.GetProperty("detail").GetString());
    }
}
