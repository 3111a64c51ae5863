using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors.Polygon;
using Akka.Collector.Vendors.Tests.Support;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Polygon;

/// <summary>The real client against the mock: what it asks and what it makes of replies.</summary>
public sealed class PolygonClientTests
{
    private static readonly Instant Monday = Clocks.Et(2026, 11, 30, 0, 0);
    private static readonly Instant Saturday = Clocks.Et(2026, 12, 5, 0, 0);

    [Theory]
    [InlineData("1m")]
    [InlineData("2m")]
    [InlineData("5m")]
    [InlineData("15m")]
    [InlineData("30m")]
    [InlineData("1d")]
    public async Task Bars_of_a_week_equal_the_sources_own(string name)
    {
        // arrange
        await using var h = await PolygonHarness.StartAsync();
        var interval = BarInterval.Parse(name);
        var expected = await h.Truth.Bars("AAPL", interval, Monday, Saturday);

        // act
        var bars = await h.Client().Bars("AAPL", interval, Monday, Saturday);

        // assert: one request, and bars on our grid equal to the source's
        Assert.NotEmpty(expected);
        Assert.Equal(expected, bars);
        Assert.Equal(1, h.Vendor.Requests.CountOf("polygon"));
    }

    [Fact]
    public async Task A_daily_bar_stamped_at_midnight_is_keyed_by_its_session_open()
    {
        await using var h = await PolygonHarness.StartAsync();

        var bars = await h.Client().Bars("MSFT", BarInterval.D1, Monday, Saturday);

        var opens = Enumerable.Range(0, 5)
            .Select(d => Clocks.Et(2026, 11, 30, 9, 30).Plus(Duration.FromDays(d)));
        Assert.Equal(opens, bars.Select(b => b.Start));
        // the request named the dates of the first and last session
        Assert.Contains("/range/1/day/2026-11-30/2026-12-04?", h.Sent.All.Single().Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("1h")]
    [InlineData("2h")]
    [InlineData("4h")]
    public async Task Hour_intervals_are_refused_without_a_request(string name)
    {
        await using var h = await PolygonHarness.StartAsync();
        var client = h.Client();

        var error = await Assert.ThrowsAsync<BarSourceException>(() =>
            client.Bars("AAPL", BarInterval.Parse(name), Monday, Saturday));

        Assert.Equal(FailureKind.RequestRejected, error.Kind);
        Assert.DoesNotContain(BarInterval.Parse(name), client.Limits.Intervals);
        Assert.Empty(h.Sent.All);
    }

    [Fact]
    public async Task A_weekend_asks_nothing_and_a_range_past_the_calendar_is_refused()
    {
        await using var h = await PolygonHarness.StartAsync();
        var client = h.Client();

        var weekend = await client.Batch(["AAPL"], BarInterval.M1, Saturday,
            Clocks.Et(2026, 12, 7, 0, 0));
        var error = await Assert.ThrowsAsync<BarSourceException>(() => client.Bars("AAPL",
            BarInterval.M1, Clocks.Et(2027, 12, 30, 0, 0), Clocks.Et(2028, 1, 5, 0, 0)));

        Assert.Empty(weekend.Bars);
        Assert.Equal(FailureKind.RequestRejected, error.Kind);
        Assert.Empty(h.Sent.All);
    }

    [Fact]
    public async Task Several_symbols_take_one_request_each_and_keep_their_own_bars()
    {
        // arrange
        await using var h = await PolygonHarness.StartAsync();
        var symbols = new[] { "AAPL", "MSFT", "GOOG", "AMZN", "NVDA", "AAPL" };

        var client = h.Client();

        // act
        var batch = await client.Batch(symbols, BarInterval.M15, Monday, Saturday);

        // assert: duplicates collapse; five requests for five symbols
        Assert.Equal(5, batch.Bars.Count);
        foreach (var symbol in symbols.Distinct())
        {
            var expected = await h.Truth.Bars(symbol, BarInterval.M15, Monday, Saturday);
            Assert.Equal(expected, batch.For(Symbol.Parse(symbol)));
        }

        Assert.Equal(5, h.Vendor.Requests.CountOf("polygon"));
        Assert.Equal(1, client.Limits.MaxSymbolsPerRequest);
    }

    [Fact]
    public async Task A_bar_still_forming_on_the_clock_is_not_returned()
    {
        // arrange: 11:02 on a session day; Polygon serves the 11:00 bar in progress
        await using var h = await PolygonHarness.StartAsync(now: Clocks.Et(2026, 12, 4, 11, 2));
        var from = Clocks.Et(2026, 12, 4, 0, 0);
        var expected = await h.Truth.Bars("AAPL", BarInterval.M5, from, Saturday);
        var client = h.Client();

        // act
        var bars = await client.Bars("AAPL", BarInterval.M5, from, Saturday);

        // assert
        Assert.Equal(expected, bars);
        Assert.Equal(Clocks.Et(2026, 12, 4, 10, 55), bars[^1].Start);
        Assert.Equal(1, client.Counters.Forming);
        Assert.Equal(1, h.Vendor.Requests.All.Single().BarsServed - bars.Count);
    }

    [Fact]
    public async Task Extended_hours_bars_are_dropped_and_counted()
    {
        await using var h = await PolygonHarness.StartAsync();
        h.Vendor.Faults.Polygon.ExtendedHours = true;
        var expected = await h.Truth.Bars("AAPL", BarInterval.M1, Monday, Saturday);
        var client = h.Client();

        var bars = await client.Bars("AAPL", BarInterval.M1, Monday, Saturday);

        Assert.Equal(expected, bars);
        Assert.Equal(5 * 30, client.Counters.OutsideSession);
        Assert.Equal(0, client.Counters.OffGrid);
    }

    [Theory]
    [InlineData("0.25", 0)]
    [InlineData("0.5", 1)]
    public async Task Fractional_volumes_are_rounded_half_away_from_zero(
        string fraction, long added)
    {
        await using var h = await PolygonHarness.StartAsync();
        h.Vendor.Faults.Polygon.VolumeFraction = decimal.Parse(fraction);
        var expected = await h.Truth.Bars("AAPL", BarInterval.M30, Monday, Saturday);
        var client = h.Client();

        var bars = await client.Bars("AAPL", BarInterval.M30, Monday, Saturday);

        Assert.Equal(expected.Select(b => b with { Volume = b.Volume + added }), bars);
        Assert.Equal(bars.Count, client.Counters.RoundedVolumes);
    }

    [Fact]
    public async Task Delayed_data_is_kept_counted_and_said_once()
    {
        // arrange
        await using var h = await PolygonHarness.StartAsync();
        h.Vendor.Faults.Polygon.Delayed = true;
        var lines = new List<string>();
        var client = h.Client(log: lines.Add);
        var expected = await h.Truth.Bars("AAPL", BarInterval.M5, Monday, Saturday);

        // act
        var batch = await client.Batch(["AAPL", "MSFT"], BarInterval.M5, Monday, Saturday);

        // assert
        Assert.Equal(expected, batch.For(Symbol.Parse("AAPL")));
        Assert.Equal(2, client.Counters.DelayedPages);
        Assert.Contains("DELAYED", Assert.Single(lines));
    }

    [Fact]
    public async Task The_key_travels_only_as_a_bearer_header()
    {
        await using var h = await PolygonHarness.StartAsync();

        await h.Client().Batch(["AAPL", "MSFT"], BarInterval.M5, Monday, Saturday);

        Assert.Equal(2, h.Sent.All.Count);
        Assert.All(h.Sent.All, sent =>
        {
            Assert.Equal($"Bearer {PolygonHarness.Key}", sent.Authorization);
            Assert.DoesNotContain(PolygonHarness.Key, sent.Uri.AbsoluteUri);
            Assert.Contains("adjusted=true&sort=asc&limit=50000", sent.Uri.Query);
        });
    }

    [Fact]
    public void Options_never_print_the_key_and_a_missing_key_is_refused()
    {
        var options = new PolygonOptions { ApiKey = PolygonHarness.Key };
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => new PolygonBarSource(http,
            new PolygonOptions(), Calendars.Grid(), TimeProvider.System));

        Assert.DoesNotContain(PolygonHarness.Key, options.ToString());
        Assert.Contains("ApiKey", error.Message);
    }
}
