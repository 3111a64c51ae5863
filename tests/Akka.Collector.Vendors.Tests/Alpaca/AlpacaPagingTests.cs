using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Tests.Support;
using static Akka.Collector.Vendors.Tests.Alpaca.Batches;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>Batches of symbols, pages that cut through a symbol, and what a round costs.</summary>
public sealed class AlpacaPagingTests
{
    private static readonly string[] Seven =
        ["AAPL", "AMZN", "GOOG", "META", "MSFT", "NVDA", "TSLA"];

    [Fact]
    public async Task Pages_that_split_symbols_give_exactly_what_one_unpaged_fetch_gives()
    {
        // arrange: 7 symbols x 52 bars (15m over two sessions), 3 symbols a request
        await using var h = await AlpacaHarness.StartAsync();
        var client = h.Client(o => o.MaxSymbolsPerRequest = 3);
        var request = AlpacaHarness.Request(Seven, BarInterval.M15,
            Clocks.Et(2026, 12, 3, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));
        var unpaged = await client.FetchReportedAsync(request, CancellationToken.None);
        h.Requests.Clear();

        // act: 50 bars a page, so every page but the last ends inside a symbol
        h.Faults.AlpacaPageLimit = 50;
        var paged = await client.FetchReportedAsync(request, CancellationToken.None);

        // assert: batches of 156, 156 and 52 bars take 4, 4 and 2 pages
        AssertSame(unpaged.Batch, paged.Batch);
        AssertSame(await h.TruthAsync(request), paged.Batch);
        AssertDuplicateFree(paged.Batch);
        Assert.Equal(7 * 52, BarCount(paged.Batch));
        Assert.Equal((3, 10), (unpaged.Pages, paged.Pages));
        Assert.Equal(10, h.Requests.Count);
        Assert.Equal(3, h.Requests.All.Count(r => r.PageToken is null));
        Assert.All(h.Requests.All, r => Assert.True(r.BarsServed <= 50));
        Assert.True(paged.Issues.IsClean, paged.Issues.ToString());
    }

    [Fact]
    public async Task A_page_token_is_escaped_and_sent_back_with_the_same_query()
    {
        await using var h = await AlpacaHarness.StartAsync();
        h.Faults.AlpacaPageLimit = 30;

        await h.Client().FetchAsync(AlpacaHarness.Request(["AAPL", "MSFT"], BarInterval.M15,
            Clocks.Et(2026, 12, 4, 0, 0), Clocks.Et(2026, 12, 5, 0, 0)), CancellationToken.None);

        // 52 bars: pages of 30 and 22, the second asked with the first reply's token
        var sent = h.Capture.Sent;
        Assert.Equal(2, sent.Count);
        var (first, second) = (sent[0].Uri.Query, sent[1].Uri.Query);
        var token = System.Web.HttpUtility.ParseQueryString(second)["page_token"];
        Assert.Equal(h.Requests.All[1].PageToken, token);
        Assert.Equal(first, second.Replace("&page_token=" + Uri.EscapeDataString(token!), ""));
    }

    [Theory]
    [InlineData(10_000, 3)] // one bar per symbol: ⌈250 / 100⌉ requests, no extra pages
    [InlineData(40, 8)] // 100 + 100 + 50 bars in pages of 40: 3 + 3 + 2
    public async Task A_round_costs_one_request_per_batch_plus_the_pages_its_bars_fill(
        int pageLimit, int requests)
    {
        // arrange: the latest 5m bar of 250 symbols, as a scheduled round asks
        await using var h = await AlpacaHarness.StartAsync();
        h.Faults.AlpacaPageLimit = pageLimit;
        var symbols = Enumerable.Range(0, 250).Select(i => $"S{i:D3}").ToArray();
        var request = AlpacaHarness.Request(symbols, BarInterval.M5,
            Clocks.Et(2026, 12, 4, 15, 55), Clocks.Et(2026, 12, 4, 16, 0));

        // act
        var fetched = await h.Client().FetchReportedAsync(request, CancellationToken.None);

        // assert
        Assert.Equal(requests, h.Requests.Count);
        Assert.Equal(requests, fetched.Pages);
        Assert.Equal(250, fetched.Batch.Bars.Count);
        AssertSame(await h.TruthAsync(request), fetched.Batch);
    }

    [Fact]
    public async Task More_pages_than_allowed_is_a_malformed_reply()
    {
        await using var h = await AlpacaHarness.StartAsync();
        h.Faults.AlpacaPageLimit = 10;
        var client = h.Client(o => o.MaxPages = 3);

        var error = await Assert.ThrowsAsync<BarSourceException>(() => client.FetchAsync(
            AlpacaHarness.Request(["AAPL"], BarInterval.M15, Clocks.Et(2026, 12, 3, 0, 0),
                Clocks.Et(2026, 12, 5, 0, 0)), CancellationToken.None));

        Assert.Equal(FailureKind.MalformedReply, error.Kind);
        Assert.Contains("after 3", error.Message);
        Assert.Contains(h.Capture.Sent[2].RequestId!, error.Message);
        Assert.Equal(3, h.Requests.Count);
    }
}
