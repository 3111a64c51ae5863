using System.Web;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Alpaca;
using Akka.Collector.Vendors.Tests.Support;
using static Akka.Collector.Vendors.Tests.Alpaca.Batches;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>The real client against the mock over sockets: what it asks, what it keeps.</summary>
public sealed class AlpacaClientTests
{
    private static readonly string[] Symbols = ["AAPL", "BRK.B", "MSFT"];

    public static TheoryData<string> Served => ["1m", "2m", "5m", "15m", "30m", "1d"];

    [Theory]
    [MemberData(nameof(Served))]
    public async Task Each_interval_it_serves_equals_the_vendors_own_bars_on_our_grid(string name)
    {
        // arrange: two sessions, asked from midnight to midnight
        await using var h = await AlpacaHarness.StartAsync();
        var request = AlpacaHarness.Request(Symbols, BarInterval.Parse(name),
            Clocks.Et(2026, 12, 3, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));

        // act
        var fetched = await h.Client().FetchReportedAsync(request, CancellationToken.None);

        // assert
        AssertSame(await h.TruthAsync(request), fetched.Batch);
        Assert.True(fetched.Issues.IsClean, fetched.Issues.ToString());
        Assert.Equal(1, fetched.Pages);
    }

    [Fact]
    public void The_mapping_serves_only_intervals_on_the_session_grid()
    {
        Assert.Equal(
            ["1m:1Min", "2m:2Min", "5m:5Min", "15m:15Min", "30m:30Min", "1d:1Day"],
            AlpacaTimeframes.ByInterval.Select(kv => $"{kv.Key}:{kv.Value}"));
    }

    [Theory]
    [InlineData("1h")]
    [InlineData("2h")]
    [InlineData("4h")]
    public async Task Hour_intervals_are_rejected_without_a_request(string name)
    {
        await using var h = await AlpacaHarness.StartAsync();
        var client = h.Client();

        var error = await Assert.ThrowsAsync<BarSourceException>(() => client.FetchAsync(
            AlpacaHarness.Request(["AAPL"], BarInterval.Parse(name),
                Clocks.Et(2026, 12, 3, 0, 0), Clocks.Et(2026, 12, 5, 0, 0)),
            CancellationToken.None));

        Assert.Equal(FailureKind.RequestRejected, error.Kind);
        Assert.Contains("30m", error.Message);
        Assert.DoesNotContain(BarInterval.Parse(name), client.Limits.Intervals);
        Assert.Equal(0, h.Requests.Count);
    }

    [Fact]
    public async Task It_asks_with_key_headers_and_the_query_Alpaca_expects()
    {
        // arrange
        await using var h = await AlpacaHarness.StartAsync();

        // act
        await h.Client().FetchAsync(AlpacaHarness.Request(Symbols, BarInterval.M5,
            Clocks.Et(2026, 12, 3, 0, 0), Clocks.Et(2026, 12, 5, 0, 0)), CancellationToken.None);

        // assert: the range is cut to the sessions; end is inclusive, so one second early
        var sent = Assert.Single(h.Capture.Sent);
        Assert.Equal("/v2/stocks/bars", sent.Uri.AbsolutePath);
        var query = HttpUtility.ParseQueryString(sent.Uri.Query);
        Assert.Equal("AAPL,BRK.B,MSFT", query["symbols"]);
        Assert.Equal("5Min", query["timeframe"]);
        Assert.Equal("2026-12-03T14:30:00Z", query["start"]);
        Assert.Equal("2026-12-04T20:59:59Z", query["end"]);
        Assert.Equal("10000", query["limit"]);
        Assert.Equal("raw", query["adjustment"]);
        Assert.Equal("iex", query["feed"]);
        Assert.Null(query["page_token"]);
        Assert.Equal((AlpacaHarness.KeyId, AlpacaHarness.SecretKey), (sent.KeyId, sent.SecretKey));
        Assert.DoesNotContain(AlpacaHarness.KeyId, sent.Uri.ToString());
        Assert.DoesNotContain(AlpacaHarness.SecretKey, sent.Uri.ToString());
    }

    [Fact]
    public async Task Daily_bars_are_asked_by_midnight_stamps_and_keyed_to_the_session_open()
    {
        // arrange: a range from Thursday's open to Friday's close holds two daily slots
        await using var h = await AlpacaHarness.StartAsync();
        var thursday = Clocks.Et(2026, 12, 3, 9, 30);
        var request = AlpacaHarness.Request(["AAPL"], BarInterval.D1, thursday,
            Clocks.Et(2026, 12, 4, 16, 0));

        // act
        var bars = (await h.Client().FetchAsync(request, CancellationToken.None)).For(S("AAPL"));

        // assert
        var query = HttpUtility.ParseQueryString(Assert.Single(h.Capture.Sent).Uri.Query);
        Assert.Equal(("2026-12-03T05:00:00Z", "2026-12-04T05:00:00Z"),
            (query["start"], query["end"]));
        Assert.Equal([thursday, Clocks.Et(2026, 12, 4, 9, 30)], bars.Select(b => b.Start));
        Assert.Equal((await h.TruthAsync(request)).For(S("AAPL")), bars);
    }

    [Fact]
    public async Task A_range_without_a_session_costs_no_request()
    {
        await using var h = await AlpacaHarness.StartAsync();

        var weekend = await h.Client().FetchReportedAsync(AlpacaHarness.Request(Symbols,
            BarInterval.M1, Clocks.Et(2026, 12, 5, 0, 0), Clocks.Et(2026, 12, 7, 0, 0)),
            CancellationToken.None);
        var afterTheOpen = await h.Client().FetchReportedAsync(AlpacaHarness.Request(Symbols,
            BarInterval.D1, Clocks.Et(2026, 12, 4, 9, 31), Clocks.Et(2026, 12, 5, 0, 0)),
            CancellationToken.None);

        Assert.Empty(weekend.Batch.Bars);
        Assert.Empty(afterTheOpen.Batch.Bars);
        Assert.Equal((0, 0), (weekend.Pages, afterTheOpen.Pages));
        Assert.Equal(0, h.Requests.Count);
    }

    [Fact]
    public async Task A_cancelled_fetch_stops_as_cancelled_not_as_a_vendor_failure()
    {
        await using var h = await AlpacaHarness.StartAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client().FetchAsync(
            AlpacaHarness.Request(["AAPL"], BarInterval.M1, Clocks.Et(2026, 12, 4, 0, 0),
                Clocks.Et(2026, 12, 5, 0, 0)), new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task A_range_the_calendar_does_not_cover_is_rejected()
    {
        await using var h = await AlpacaHarness.StartAsync();

        var error = await Assert.ThrowsAsync<BarSourceException>(() => h.Client().FetchAsync(
            AlpacaHarness.Request(["AAPL"], BarInterval.M1, Clocks.Et(2020, 12, 30, 0, 0),
                Clocks.Et(2021, 1, 5, 0, 0)), CancellationToken.None));

        Assert.Equal(FailureKind.RequestRejected, error.Kind);
        Assert.Equal(0, h.Requests.Count);
    }

    [Fact]
    public async Task Recent_SIP_data_without_a_subscription_is_NotEntitled_with_the_vendors_word()
    {
        // arrange: five minutes after Friday's close
        await using var h = await AlpacaHarness.StartAsync(Clocks.Et(2026, 12, 4, 16, 5));
        var client = h.Client(o => o.Feed = "sip");
        var friday = Clocks.Et(2026, 12, 4, 0, 0);

        // act: bars up to the close are younger than 15 minutes; up to 15:45 they are not
        var recent = await Assert.ThrowsAsync<BarSourceException>(() => client.FetchAsync(
            AlpacaHarness.Request(["AAPL"], BarInterval.M1, friday, Clocks.Et(2026, 12, 4, 16, 0)),
            CancellationToken.None));
        var olderRequest = AlpacaHarness.Request(["AAPL"], BarInterval.M1,
            friday, Clocks.Et(2026, 12, 4, 15, 45));
        var older = await client.FetchAsync(olderRequest, CancellationToken.None);

        // assert
        Assert.Equal(FailureKind.NotEntitled, recent.Kind);
        Assert.Contains("SIP", recent.Message);
        Assert.Contains(h.Capture.Sent[0].RequestId!, recent.Message);
        AssertSame(await h.TruthAsync(olderRequest), older);
        Assert.Equal([403, 200], h.Requests.All.Select(r => r.Status));
    }

    [Fact]
    public async Task Symbols_named_twice_are_asked_once()
    {
        await using var h = await AlpacaHarness.StartAsync();
        var request = AlpacaHarness.Request(["MSFT", "AAPL", "MSFT"], BarInterval.M30,
            Clocks.Et(2026, 12, 4, 9, 30), Clocks.Et(2026, 12, 4, 16, 0));

        var batch = await h.Client().FetchAsync(request, CancellationToken.None);

        var query = HttpUtility.ParseQueryString(Assert.Single(h.Capture.Sent).Uri.Query);
        Assert.Equal("MSFT,AAPL", query["symbols"]);
        Assert.Equal(13, batch.For(S("MSFT")).Count);
        AssertSame(await h.TruthAsync(request), batch);
    }
}
