using System.Net;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Alpaca;
using Akka.Collector.Vendors.Tests.Support;
using static Akka.Collector.Vendors.Tests.Alpaca.Batches;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>The reply rules one by one, on hand-written Alpaca bodies.</summary>
public sealed class AlpacaRepairTests
{
    private static readonly BarRequest ThursdayAndFriday1m = AlpacaHarness.Request(["AAPL"],
        BarInterval.M1, Clocks.Et(2026, 12, 3, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));

    [Fact]
    public async Task Fractional_volumes_are_rounded_to_whole_shares_half_away_from_zero()
    {
        var canned = CannedAlpaca.Ok(Reply(
            ("AAPL", Bar("2026-12-03T14:30:00Z", v: "100.5")),
            ("AAPL", Bar("2026-12-03T14:31:00Z", v: "99.49")),
            ("AAPL", Bar("2026-12-03T14:32:00Z", v: "0.5"))));

        var batch = await canned.Client().FetchAsync(ThursdayAndFriday1m, CancellationToken.None);

        Assert.Equal([101L, 99L, 1L], batch.For(S("AAPL")).Select(b => b.Volume));
    }

    [Fact]
    public async Task Extended_hours_bars_are_dropped_without_counting_as_repairs()
    {
        // arrange: after-hours Thursday and pre-market Friday lie inside the asked window
        var canned = CannedAlpaca.Ok(Reply(
            ("AAPL", Bar("2026-12-03T20:59:00Z")),
            ("AAPL", Bar("2026-12-03T21:00:00Z")),
            ("AAPL", Bar("2026-12-04T13:00:00Z")),
            ("AAPL", Bar("2026-12-04T14:30:00Z"))));

        // act
        var fetched = await canned.Client().FetchReportedAsync(
            ThursdayAndFriday1m, CancellationToken.None);

        // assert
        Assert.Equal([Clocks.Et(2026, 12, 3, 15, 59), Clocks.Et(2026, 12, 4, 9, 30)],
            fetched.Batch.For(S("AAPL")).Select(b => b.Start));
        Assert.Equal(2, fetched.Issues.OutOfSession);
        Assert.True(fetched.Issues.IsClean);
    }

    [Fact]
    public async Task Daily_stamps_at_midnight_ET_or_04_or_05_Z_are_keyed_to_the_session_open()
    {
        // arrange: Jul 1-2 2026 (EDT), Jul 3 a holiday, Jul 6 a Monday
        var request = AlpacaHarness.Request(["AAPL"], BarInterval.D1,
            Clocks.Et(2026, 7, 1, 0, 0), Clocks.Et(2026, 7, 7, 0, 0));
        var canned = CannedAlpaca.Ok(Reply(
            ("AAPL", Bar("2026-07-01T00:00:00-04:00", v: "1000")),
            ("AAPL", Bar("2026-07-02T04:00:00Z", v: "2000")),
            ("AAPL", Bar("2026-07-03T04:00:00Z")),
            ("AAPL", Bar("2026-07-06T05:00:00Z", v: "3000")),
            ("AAPL", Bar("2026-07-02T12:00:00Z"))));

        // act
        var fetched = await canned.Client().FetchReportedAsync(request, CancellationToken.None);

        // assert: the vendor's volume kept; the holiday and the noon stamp are off the grid
        var query = System.Web.HttpUtility.ParseQueryString(Assert.Single(canned.Asked).Query);
        Assert.Equal(("2026-07-01T04:00:00Z", "2026-07-06T04:00:00Z"),
            (query["start"], query["end"]));
        Assert.Equal(
            [(Clocks.Et(2026, 7, 1, 9, 30), 1000L), (Clocks.Et(2026, 7, 2, 9, 30), 2000L),
                (Clocks.Et(2026, 7, 6, 9, 30), 3000L)],
            fetched.Batch.For(S("AAPL")).Select(b => (b.Start, b.Volume)));
        Assert.Equal(2, fetched.Issues.OffGrid);
    }

    [Fact]
    public async Task A_winter_04_Z_stamp_on_the_first_day_is_that_day_not_the_one_before()
    {
        // 2026-12-03T04:00:00Z is 23:00 ET on the 2nd, but a daily stamp at 04:00Z means the
        // UTC date; the window starts at the 3rd's midnight (05:00Z), and the bar is still in.
        var request = AlpacaHarness.Request(["AAPL"], BarInterval.D1,
            Clocks.Et(2026, 12, 3, 0, 0), Clocks.Et(2026, 12, 4, 0, 0));
        var canned = CannedAlpaca.Ok(Reply(("AAPL", Bar("2026-12-03T04:00:00Z"))));

        var fetched = await canned.Client().FetchReportedAsync(request, CancellationToken.None);

        var bar = Assert.Single(fetched.Batch.For(S("AAPL")));
        Assert.Equal(Clocks.Et(2026, 12, 3, 9, 30), bar.Start);
        Assert.True(fetched.Issues.IsClean, fetched.Issues.ToString());
    }

    [Fact]
    public async Task Bars_for_a_symbol_not_asked_for_are_dropped_and_counted()
    {
        var canned = CannedAlpaca.Ok(Reply(
            ("AAPL", Bar("2026-12-03T14:30:00Z")), ("GOOG", Bar("2026-12-03T14:30:00Z")),
            ("not a symbol!", Bar("2026-12-03T14:30:00Z"))));

        var fetched = await canned.Client().FetchReportedAsync(
            ThursdayAndFriday1m, CancellationToken.None);

        Assert.Equal(["AAPL"], fetched.Batch.Bars.Keys.Select(s => s.Value));
        Assert.Equal(2, fetched.Issues.UnrequestedSymbols);
        Assert.Equal(["req-1"], fetched.Issues.RequestIds);
    }

    [Fact]
    public async Task Inconsistent_bars_are_dropped_and_counted()
    {
        var canned = CannedAlpaca.Ok(Reply(
            ("AAPL", Bar("2026-12-03T14:30:00Z", o: "12", h: "11", l: "10", c: "10.5")),
            ("AAPL", Bar("2026-12-03T14:31:00Z", o: "9", h: "11", l: "10", c: "10.5")),
            ("AAPL", Bar("2026-12-03T14:32:00Z", v: "-1")),
            ("AAPL", Bar("2026-12-03T14:33:00Z"))));

        var fetched = await canned.Client().FetchReportedAsync(
            ThursdayAndFriday1m, CancellationToken.None);

        var kept = Assert.Single(fetched.Batch.For(S("AAPL")));
        Assert.Equal(Clocks.Et(2026, 12, 3, 9, 33), kept.Start);
        Assert.Equal(3, fetched.Issues.Inconsistent);
    }

    [Fact]
    public async Task A_conflicting_bar_on_a_later_page_replaces_the_earlier_and_is_counted()
    {
        // arrange
        var canned = CannedAlpaca.Ok(
            Reply("p+2/=", ("AAPL", Bar("2026-12-03T14:30:00Z", v: "1"))),
            Reply(null, ("AAPL", Bar("2026-12-03T14:30:00Z", v: "2")),
                ("AAPL", Bar("2026-12-03T14:31:00Z"))));

        // act
        var fetched = await canned.Client().FetchReportedAsync(
            ThursdayAndFriday1m, CancellationToken.None);

        // assert: the token went back escaped, and the later bar won
        Assert.EndsWith("&page_token=p%2B2%2F%3D", canned.Asked[1].Query);
        Assert.Equal([2L, 100L], fetched.Batch.For(S("AAPL")).Select(b => b.Volume));
        Assert.Equal(1, fetched.Issues.ConflictingDuplicates);
        Assert.Equal(["req-2"], fetched.Issues.RequestIds);
    }

    [Fact]
    public async Task Bars_out_of_order_come_back_in_order_and_a_late_duplicate_still_wins()
    {
        // arrange: bars out of order, one restated later in the reply, one repeated
        var canned = CannedAlpaca.Ok(Reply(
            ("AAPL", Bar("2026-12-03T14:32:00Z", v: "32")),
            ("AAPL", Bar("2026-12-03T14:30:00Z", v: "30")),
            ("AAPL", Bar("2026-12-03T14:33:00Z", v: "33")),
            ("AAPL", Bar("2026-12-03T14:31:00Z", v: "31")),
            ("AAPL", Bar("2026-12-03T14:30:00Z", v: "300")),
            ("AAPL", Bar("2026-12-03T14:33:00Z", v: "33"))));

        // act
        var fetched = await canned.Client().FetchReportedAsync(
            ThursdayAndFriday1m, CancellationToken.None);

        // assert
        Assert.Equal([300L, 31L, 32L, 33L],
            fetched.Batch.For(S("AAPL")).Select(b => b.Volume));
        Assert.Equal((1, 1),
            (fetched.Issues.ConflictingDuplicates, fetched.Issues.IdenticalDuplicates));
    }

    [Theory]
    [InlineData("""{"bars":null,"next_page_token":null}""")]
    [InlineData("""{"bars":{"AAPL":null}}""")]
    [InlineData("""{"bars":{},"next_page_token":""}""")]
    public async Task No_data_in_any_of_its_forms_is_an_empty_batch(string body)
    {
        var fetched = await CannedAlpaca.Ok(body).Client().FetchReportedAsync(
            ThursdayAndFriday1m, CancellationToken.None);

        Assert.Empty(fetched.Batch.Bars);
        Assert.True(fetched.Issues.IsClean);
    }

    [Fact]
    public async Task Fields_Alpaca_may_add_are_ignored()
    {
        var body = """
            {"bars":{"AAPL":[{"t":"2026-12-03T14:30:00Z","o":1,"h":1,"l":1,"c":1,"v":5,
              "x":{"new":[1,2]},"n":null}]},"next_page_token":null,"currency":"USD"}
            """;

        var batch = await CannedAlpaca.Ok(body).Client().FetchAsync(
            ThursdayAndFriday1m, CancellationToken.None);

        Assert.Single(batch.For(S("AAPL")));
    }

    [Theory]
    [InlineData("""[]""", "not an object")]
    [InlineData("""{"next_page_token":null}""", "no 'bars'")]
    [InlineData("""{"bars":[],"next_page_token":null}""", "'bars' is a JSON array")]
    [InlineData("""{"bars":{"AAPL":{}}}""", "not an array")]
    [InlineData("""{"bars":{},"next_page_token":7}""", "'next_page_token' is a JSON number")]
    [InlineData("""{"bars":{"AAPL":[{"t":"2026-12-03T14:30:00Z","o":1,"h":1,"l":1,"v":1}]}}""",
        "has no 'c'")]
    [InlineData("""{"bars":{"AAPL":[{"t":"yesterday","o":1,"h":1,"l":1,"c":1,"v":1}]}}""",
        "not an RFC-3339 time")]
    [InlineData("""{"bars":{"AAPL":[{"t":1764772200,"o":1,"h":1,"l":1,"c":1,"v":1}]}}""",
        "'t' is a JSON number")]
    [InlineData("""
        {"bars":{"AAPL":[{"t":"2026-12-03T14:30:00Z","o":1,"h":1,"l":1,"c":1,"v":"9"}]}}
        """,
        "'v' is a JSON string")]
    [InlineData("""{"bars":{"AAPL":[{"t":"2026-12-03T14:30:00Z","o":1e300,"h":1}]}}""",
        "'o' is out of range")]
    public async Task A_reply_of_the_wrong_shape_is_malformed_naming_the_request(
        string body, string why)
    {
        var error = await Assert.ThrowsAsync<BarSourceException>(() => CannedAlpaca.Ok(body)
            .Client().FetchAsync(ThursdayAndFriday1m, CancellationToken.None));

        Assert.Equal(FailureKind.MalformedReply, error.Kind);
        Assert.Contains(why, error.Message);
        Assert.StartsWith("alpaca (request req-1)", error.Message);
    }

    [Fact]
    public async Task A_refusal_carries_the_vendors_message_with_any_key_masked()
    {
        var canned = new CannedAlpaca((HttpStatusCode.UnprocessableEntity,
            $$"""{"code":42210000,"message":"invalid key {{AlpacaHarness.KeyId}}"}"""));

        var error = await Assert.ThrowsAsync<BarSourceException>(() => canned.Client()
            .FetchAsync(ThursdayAndFriday1m, CancellationToken.None));

        Assert.Equal(FailureKind.RequestRejected, error.Kind);
        Assert.Equal("alpaca (request req-1) answered 422 Unprocessable Entity: invalid key ***",
            error.Message);
    }

    private static string Reply(params (string Symbol, string Bar)[] bars) => Reply(null, bars);

    private static string Reply(string? next, params (string Symbol, string Bar)[] bars)
    {
        var symbols = bars.GroupBy(b => b.Symbol)
            .Select(g => $"\"{g.Key}\":[{string.Join(',', g.Select(b => b.Bar))}]");
        var token = next is null ? "null" : $"\"{next}\"";
        return $"{{\"bars\":{{{string.Join(',', symbols)}}},\"next_page_token\":{token}}}";
    }

    private static string Bar(string t, string o = "10.5", string h = "11", string l = "10",
        string c = "10.75", string v = "100") =>
        $"{{\"t\":\"{t}\",\"o\":{o},\"h\":{h},\"l\":{l},\"c\":{c},\"v\":{v},\"n\":3,\"vw\":10.6}}";

}
