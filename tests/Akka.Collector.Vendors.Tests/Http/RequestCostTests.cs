using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Tests.Alpaca;
using Akka.Collector.Vendors.Tests.Polygon;
using Akka.Collector.Vendors.Tests.Support;

namespace Akka.Collector.Vendors.Tests.Http;

/// <summary>
/// Every HTTP request a client sends draws one permit from the fetch's budget: a first page,
/// each further page and each retry; so N pages and M retries cost N + M, exactly what the
/// vendor counted. Each request's end is reported once: a reply read as answered, a refused
/// attempt as not, so a holder of places keeps one for the retry.
/// </summary>
public sealed class RequestCostTests
{
    [Fact]
    public async Task Alpaca_pages_and_retries_each_cost_one_permit()
    {
        // arrange: 7 symbols of 52 bars in pages of 50 (8 pages), two 429s retried at once
        await using var h = await AlpacaHarness.StartAsync();
        h.Faults.AlpacaPageLimit = 50;
        h.Faults.RetryAfterSeconds = 0;
        h.Faults.TooManyRequests(2);
        var permits = new CountingPermits();
        var request = AlpacaHarness.Request(
            ["AAPL", "AMZN", "GOOG", "META", "MSFT", "NVDA", "TSLA"], BarInterval.M15,
            Clocks.Et(2026, 12, 3, 0, 0), Clocks.Et(2026, 12, 5, 0, 0)) with
        {
            Permits = permits,
        };

        // act
        var fetch = await h.Client().FetchReportedAsync(request, CancellationToken.None);

        // assert: 8 pages read, 2 refused attempts, 10 requests at the vendor, 10 permits
        Assert.Equal(8, fetch.Pages);
        Assert.Equal(2, h.Requests.All.Count(r => r.Status == 429));
        Assert.Equal(10, h.Requests.Count);
        Assert.Equal(h.Requests.Count, permits.Taken);
        Assert.Equal((8, 2), (permits.AnsweredCount, permits.FailedCount));
        Assert.Equal(string.Concat(Enumerable.Repeat("af", 2)) +
                     string.Concat(Enumerable.Repeat("ar", 8)), permits.Steps);
    }

    [Fact]
    public async Task Polygon_pages_and_retries_each_cost_one_permit()
    {
        // arrange: two symbols of 1950 minutes in pages of 500 (4 each), three 503s
        await using var h = await PolygonHarness.StartAsync();
        h.Vendor.Faults.PolygonPageLimit = 500;
        h.Vendor.Faults.ServerErrors(3);
        var permits = new CountingPermits();
        var request = new BarRequest(
            [Domain.Symbols.Symbol.Parse("AAPL"), Domain.Symbols.Symbol.Parse("MSFT")],
            BarInterval.M1,
            new Domain.Alignment.TimeRange(
                Clocks.Et(2026, 11, 30, 0, 0), Clocks.Et(2026, 12, 5, 0, 0)))
        {
            Permits = permits,
        };

        // act
        await h.Client().FetchAsync(request, CancellationToken.None);

        // assert
        Assert.Equal(3, h.Vendor.Requests.All.Count(r => r.Status == 503));
        Assert.Equal(8, h.Vendor.Requests.All.Count(r => r.Status == 200));
        Assert.Equal(11, permits.Taken);
        Assert.Equal((8, 3), (permits.AnsweredCount, permits.FailedCount));
    }

    [Fact]
    public async Task A_request_the_open_circuit_refuses_costs_nothing()
    {
        // arrange: two refused requests open the circuit
        await using var h = await AlpacaHarness.StartAsync();
        h.Faults.RetryAfterSeconds = 0;
        h.Faults.TooManyRequests(2);
        var client = h.Client(resilience: AlpacaHarness.Fast with
        {
            MaxRetries = 0,
            BreakMinimumThroughput = 2,
        });
        var permits = new CountingPermits();
        var request = AlpacaHarness.Request(["AAPL"], BarInterval.M5,
            Clocks.Et(2026, 12, 4, 0, 0), Clocks.Et(2026, 12, 5, 0, 0)) with
        {
            Permits = permits,
        };
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<BarSourceException>(
                () => client.FetchAsync(request, CancellationToken.None));
        }

        // act
        var open = await Assert.ThrowsAsync<BarSourceException>(
            () => client.FetchAsync(request, CancellationToken.None));

        // assert: the third fetch failed fast without a request, and without a permit
        Assert.Contains("circuit", open.Message);
        Assert.Equal(2, h.Requests.Count);
        Assert.Equal(2, permits.Taken);
        Assert.Equal((0, 2), (permits.AnsweredCount, permits.FailedCount));
    }
}
