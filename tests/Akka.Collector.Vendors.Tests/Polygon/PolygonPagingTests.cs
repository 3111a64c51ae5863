using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.MockVendor.Faults;
using Akka.Collector.Vendors.Tests.Support;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Polygon;

/// <summary>Following next_url: same bars as one page, one request per page, no loops.</summary>
public sealed class PolygonPagingTests
{
    private static readonly Instant Monday = Clocks.Et(2026, 11, 30, 0, 0);
    private static readonly Instant Saturday = Clocks.Et(2026, 12, 5, 0, 0);
    private static readonly string[] Symbols = ["AAPL", "MSFT", "GOOG"];

    [Fact]
    public async Task Small_pages_give_the_bars_of_one_unpaged_fetch()
    {
        // arrange: one page each first, then 500 base minutes (at least 100 five-minute
        // rows, more where minutes had no trades) a page
        await using var h = await PolygonHarness.StartAsync();
        var whole = await h.Client().Batch(Symbols, BarInterval.M5, Monday, Saturday);
        h.Vendor.Requests.Clear();
        h.Vendor.Faults.PolygonPageLimit = 500;
        var client = h.Client();

        // act
        var paged = await client.Batch(Symbols, BarInterval.M5, Monday, Saturday);

        // assert: 390 bars a symbol, from just under 2000 minutes: four pages each
        foreach (var symbol in Symbols.Select(Symbol.Parse))
        {
            Assert.Equal(390, paged.For(symbol).Count);
            Assert.Equal(whole.For(symbol), paged.For(symbol));
        }

        var served = h.Vendor.Requests.All;
        var followUps = served.Count(r => r.PageToken is not null);
        Assert.Equal(Symbols.Length + followUps, served.Count);
        Assert.Equal(Symbols.Length * 4, served.Count);
        Assert.Equal(served.Count, client.Counters.Pages);
        // a full page holds at least limit / multiplier rows: 500 / 5
        Assert.All(served.GroupBy(r => r.Symbols[0]), pages =>
            Assert.All(pages.SkipLast(1), page => Assert.InRange(page.BarsServed, 100, 125)));
    }

    [Fact]
    public async Task Next_url_requests_carry_the_key_in_the_header_only()
    {
        await using var h = await PolygonHarness.StartAsync();
        h.Vendor.Faults.PolygonPageLimit = 500;

        // 1950 minutes in pages of 500
        await h.Client().Bars("AAPL", BarInterval.M1, Monday, Saturday);

        var followUps = h.Sent.All.Where(s => s.Uri.Query.Contains("cursor=")).ToList();
        Assert.Equal(1, h.Sent.All.Count - followUps.Count);
        Assert.Equal(3, followUps.Count);
        Assert.All(h.Sent.All, s =>
        {
            Assert.DoesNotContain(PolygonHarness.Key, s.Uri.AbsoluteUri);
            Assert.DoesNotContain("apiKey", s.Uri.Query, StringComparison.OrdinalIgnoreCase);
            Assert.Equal($"Bearer {PolygonHarness.Key}", s.Authorization);
        });
    }

    [Fact]
    public async Task A_next_url_that_repeats_a_page_is_refused_and_the_next_fetch_is_whole()
    {
        // arrange: the first page's next_url points back at that same page
        await using var h = await PolygonHarness.StartAsync();
        h.Vendor.Faults.PolygonPageLimit = 1_000;
        var client = h.Client();
        var expected = await h.Truth.Bars("AAPL", BarInterval.M1, Monday, Saturday);
        h.Vendor.Faults.MalformedReplies(1, MalformedKind.PageLoop);

        // act
        var error = await Assert.ThrowsAsync<BarSourceException>(() =>
            client.Bars("AAPL", BarInterval.M1, Monday, Saturday));
        var served = h.Vendor.Requests.Count;
        var after = await client.Bars("AAPL", BarInterval.M1, Monday, Saturday);

        // assert: refused after one request, not spun on; then two clean pages
        Assert.Equal(FailureKind.MalformedReply, error.Kind);
        Assert.Contains("page loop", error.Message);
        Assert.Equal(1, served);
        Assert.Equal(1, client.Counters.MalformedReplies);
        Assert.Equal(expected, after);
        Assert.Equal(3, h.Vendor.Requests.Count);
    }

    [Fact]
    public async Task A_next_url_chain_longer_than_the_cap_is_refused()
    {
        await using var h = await PolygonHarness.StartAsync();
        h.Vendor.Faults.PolygonPageLimit = 100;

        var error = await Assert.ThrowsAsync<BarSourceException>(() =>
            h.Client(maxPages: 3).Bars("AAPL", BarInterval.M1, Monday, Saturday));

        Assert.Equal(FailureKind.MalformedReply, error.Kind);
        Assert.Contains("more than 3 pages", error.Message);
        Assert.Equal(3, h.Vendor.Requests.Count);
    }
}
