using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Domain.Time;
using Akka.Collector.Vendors.Http;
using Akka.Collector.Vendors.Polygon;
using Akka.Collector.Vendors.Tests.Polygon;
using Akka.Collector.Vendors.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Akka.Collector.Vendors.Tests.Http;

/// <summary>
/// What a vendor dictates runs on the wall clock, whatever the market clock does: a demo
/// clock at speed 60 must not turn a vendor's "come back in 2 s" into 33 ms.
/// </summary>
public sealed class WallClockTests
{
    [Fact]
    public async Task A_Retry_After_of_2_s_waits_2_s_of_wall_time_on_a_market_clock_at_speed_60()
    {
        // arrange: two fake clocks; the market clock runs 60 times faster than its own fake
        await using var h = await PolygonHarness.StartAsync();
        var start = Clocks.Et(2026, 12, 4, 17, 0).ToDateTimeOffset();
        var marketBase = new RecordingClock(new FakeTimeProvider(start));
        var market = new ScaledTimeProvider(start, speed: 60, real: marketBase);
        var wall = new RecordingClock(new FakeTimeProvider(start));
        using var http = new HttpClient();
        var client = new PolygonBarSource(
            http,
            new PolygonOptions { BaseAddress = h.Vendor.BaseAddress, ApiKey = PolygonHarness.Key },
            h.Grid, market, PolygonHarness.Quick with { MaxBackoff = TimeSpan.FromSeconds(5) },
            wallClock: wall);
        h.Vendor.Faults.RetryAfterSeconds = 2;
        h.Vendor.Faults.TooManyRequests(1);
        var request = new BarRequest([Symbol.Parse("AAPL")], BarInterval.M5,
            new(Clocks.Et(2026, 12, 4, 0, 0), Clocks.Et(2026, 12, 5, 0, 0)));

        // act: the first attempt is refused; the retry waits on the wall clock
        var fetch = client.FetchAsync(request, CancellationToken.None);
        await wall.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        marketBase.Fake.Advance(TimeSpan.FromMinutes(10));
        wall.Fake.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        var early = fetch.IsCompleted;
        wall.Fake.Advance(TimeSpan.FromTicks(1));
        var batch = await fetch.WaitAsync(TimeSpan.FromSeconds(30));

        // assert: 2 s on the wall clock, no wait at all on the market clock, and the retry
        // brought the day's bars
        Assert.False(early);
        Assert.Empty(marketBase.Timers);
        Assert.Equal([429, 200], h.Vendor.Requests.All.Select(r => r.Status));
        Assert.Equal(78, batch.For(Symbol.Parse("AAPL")).Count);
    }

    [Fact]
    public void A_reset_header_is_read_against_the_wall_clock()
    {
        // arrange: the vendor's reset is 30 s after the wall clock's now; the market clock of
        // a demo stands on another day entirely
        var wall = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 18, 0, 0, TimeSpan.Zero));
        using var reply = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        reply.Headers.Add("X-RateLimit-Reset",
            wall.GetUtcNow().AddSeconds(30).ToUnixTimeSeconds().ToString());

        // act
        var wait = VendorHeaders.RetryAfter(reply, wall);

        // assert
        Assert.Equal(TimeSpan.FromSeconds(30), wait);
    }
}
