using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Http;
using Akka.Collector.Vendors.Tests.Support;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Polygon;

/// <summary>
/// HTTP faults: short ones are ridden out by the resilience pipeline, lasting ones end as the
/// right <see cref="FailureKind"/>, and once a fault has passed the bars are whole.
/// </summary>
public sealed class PolygonFailureTests
{
    private static readonly Instant Monday = Clocks.Et(2026, 11, 30, 0, 0);
    private static readonly Instant Saturday = Clocks.Et(2026, 12, 5, 0, 0);

    [Theory]
    [InlineData("429")]
    [InlineData("503")]
    [InlineData("hang")]
    public async Task A_short_transient_fault_is_retried_into_whole_bars(string fault)
    {
        // arrange: two bad answers, then good ones; hangs give up after a short attempt timeout
        await using var h = await PolygonHarness.StartAsync();
        var quick = PolygonHarness.Quick with { AttemptTimeout = TimeSpan.FromSeconds(1) };
        var client = h.Client(quick);
        var expected = await h.Truth.Bars("AAPL", BarInterval.M5, Monday, Saturday);
        Inject(h, fault, count: 2);

        // act
        var bars = await client.Bars("AAPL", BarInterval.M5, Monday, Saturday);

        // assert
        Assert.Equal(expected, bars);
        Assert.Equal(3, h.Sent.All.Count);
    }

    [Theory]
    [InlineData("403", FailureKind.NotEntitled)]
    [InlineData("429", FailureKind.RateLimited)]
    [InlineData("503", FailureKind.VendorDown)]
    [InlineData("hang", FailureKind.Timeout)]
    public async Task A_lasting_fault_ends_as_its_kind_and_whole_bars_follow(
        string fault, FailureKind kind)
    {
        // arrange: more bad answers than the retries allow
        await using var h = await PolygonHarness.StartAsync();
        var resilience = PolygonHarness.Quick with
        {
            MaxRetries = 1,
            AttemptTimeout = TimeSpan.FromSeconds(1),
        };
        var client = h.Client(resilience);
        var expected = await h.Truth.Bars("AAPL", BarInterval.M5, Monday, Saturday);
        Inject(h, fault, count: fault == "403" ? 1 : 2);

        // act
        var error = await Assert.ThrowsAsync<BarSourceException>(() =>
            client.Bars("AAPL", BarInterval.M5, Monday, Saturday));
        var after = await client.Bars("AAPL", BarInterval.M5, Monday, Saturday);

        // assert
        Assert.Equal(kind, error.Kind);
        Assert.Contains("AAPL 5m", error.Message);
        Assert.DoesNotContain(PolygonHarness.Key, error.ToString());
        Assert.Equal(expected, after);
    }

    [Fact]
    public async Task A_429_asking_for_a_long_wait_is_not_retried_and_says_how_long()
    {
        await using var h = await PolygonHarness.StartAsync();
        h.Vendor.Faults.RetryAfterSeconds = 30;
        h.Vendor.Faults.TooManyRequests(1);

        var error = await Assert.ThrowsAsync<BarSourceException>(() =>
            h.Client().Bars("AAPL", BarInterval.M5, Monday, Saturday));

        Assert.Equal(FailureKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Single(h.Sent.All);
    }

    [Fact]
    public async Task A_wrong_key_is_credentials_rejected_and_never_echoed()
    {
        await using var h = await PolygonHarness.StartAsync();
        const string wrong = "pk-wrong-3b9f";

        var error = await Assert.ThrowsAsync<BarSourceException>(() =>
            h.Client(key: wrong).Bars("AAPL", BarInterval.M5, Monday, Saturday));

        Assert.Equal(FailureKind.CredentialsRejected, error.Kind);
        Assert.Contains("Unknown API Key", error.Message);
        Assert.DoesNotContain(wrong, error.ToString());
        Assert.Single(h.Sent.All);
    }

    [Fact]
    public async Task One_failing_symbol_fails_the_whole_call_and_then_all_come_whole()
    {
        // arrange
        await using var h = await PolygonHarness.StartAsync();
        var client = h.Client();
        string[] symbols = ["AAPL", "MSFT", "GOOG", "AMZN", "NVDA", "META"];
        h.Vendor.Faults.Forbidden(1);

        // act
        var error = await Assert.ThrowsAsync<BarSourceException>(() =>
            client.Batch(symbols, BarInterval.M30, Monday, Saturday));
        var after = await client.Batch(symbols, BarInterval.M30, Monday, Saturday);

        // assert
        Assert.Equal(FailureKind.NotEntitled, error.Kind);
        Assert.Equal(symbols.Length, after.Bars.Count);
        foreach (var (symbol, bars) in after.Bars)
            Assert.Equal(await h.Truth.Bars(symbol.Value, BarInterval.M30, Monday, Saturday), bars);
    }

    private static void Inject(PolygonHarness h, string fault, int count)
    {
        var faults = h.Vendor.Faults;
        faults.RetryAfterSeconds = 0;
        switch (fault)
        {
            case "403":
                faults.Forbidden(count);
                break;
            case "429":
                faults.TooManyRequests(count);
                break;
            case "503":
                faults.ServerErrors(count);
                break;
            case "hang":
                faults.Hangs(count);
                break;
        }
    }
}
