using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.MockVendor.Faults;
using Akka.Collector.Vendors.Tests.Support;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Polygon;

/// <summary>
/// Each malformed body the mock can send: refused or repaired by the documented rule,
/// counted, and followed by complete, duplicate-free bars once the fault has passed.
/// </summary>
public sealed class PolygonMalformedTests
{
    private static readonly Instant Monday = Clocks.Et(2026, 11, 30, 0, 0);
    private static readonly Instant Saturday = Clocks.Et(2026, 12, 5, 0, 0);

    [Theory]
    [InlineData(MalformedKind.TruncatedJson, "not valid JSON")]
    [InlineData(MalformedKind.WrongTypes, "not a number")]
    [InlineData(MalformedKind.PageLoop, "page loop")]
    public async Task A_reply_that_breaks_its_shape_is_refused_with_its_request_id(
        MalformedKind kind, string why)
    {
        // arrange
        await using var h = await PolygonHarness.StartAsync();
        var client = h.Client();
        var expected = await h.Truth.Bars("AAPL", BarInterval.M5, Monday, Saturday);
        h.Vendor.Faults.MalformedReplies(1, kind);

        // act
        var error = await Assert.ThrowsAsync<BarSourceException>(() =>
            client.Bars("AAPL", BarInterval.M5, Monday, Saturday));
        var after = await client.Bars("AAPL", BarInterval.M5, Monday, Saturday);

        // assert
        Assert.Equal(FailureKind.MalformedReply, error.Kind);
        Assert.Matches(
            @"^polygon \(request [0-9a-f]{32}\) sent a malformed reply for AAPL 5m",
            error.Message);
        Assert.Contains(why, error.Message);
        Assert.DoesNotContain(PolygonHarness.Key, error.ToString());
        Assert.Equal(1, client.Counters.MalformedReplies);
        AssertWhole(expected, after);
    }

    [Fact]
    public async Task Bars_outside_the_range_are_dropped_and_the_rest_kept()
    {
        await using var h = await PolygonHarness.StartAsync();
        var lines = new List<string>();
        var client = h.Client(log: lines.Add);
        var expected = await h.Truth.Bars("AAPL", BarInterval.D1, Monday, Saturday);
        h.Vendor.Faults.MalformedReplies(1, MalformedKind.BarsOutsideRange);

        var during = await client.Bars("AAPL", BarInterval.D1, Monday, Saturday);
        var after = await client.Bars("AAPL", BarInterval.D1, Monday, Saturday);

        AssertWhole(expected, during);
        AssertWhole(expected, after);
        Assert.Equal(2, client.Counters.OutOfRange);
        Assert.Matches(@"^polygon AAPL 1d \(request [0-9a-f]{32}\): 2 bar\(s\) outside",
            Assert.Single(lines));
    }

    [Fact]
    public async Task Duplicates_collapse_when_identical_and_the_later_wins_when_not()
    {
        await using var h = await PolygonHarness.StartAsync();
        var client = h.Client();
        var expected = await h.Truth.Bars("AAPL", BarInterval.M5, Monday, Saturday);
        h.Vendor.Faults.MalformedReplies(1, MalformedKind.DuplicateBars);

        var during = await client.Bars("AAPL", BarInterval.M5, Monday, Saturday);
        var after = await client.Bars("AAPL", BarInterval.M5, Monday, Saturday);

        // the mock sends a conflicting copy, then the true bar, then an identical copy
        AssertWhole(expected, during);
        AssertWhole(expected, after);
        Assert.Equal(1, client.Counters.ConflictingDuplicates);
        Assert.Equal(1, client.Counters.IdenticalDuplicates);
    }

    [Theory]
    [InlineData(MalformedKind.HighBelowLow)]
    [InlineData(MalformedKind.OffGridStart)]
    public async Task A_bar_that_cannot_be_trusted_is_dropped_alone(MalformedKind kind)
    {
        await using var h = await PolygonHarness.StartAsync();
        var client = h.Client();
        var expected = await h.Truth.Bars("AAPL", BarInterval.M15, Monday, Saturday);
        h.Vendor.Faults.MalformedReplies(1, kind);

        var during = await client.Bars("AAPL", BarInterval.M15, Monday, Saturday);
        var after = await client.Bars("AAPL", BarInterval.M15, Monday, Saturday);

        // the first bar of the reply was the broken one
        Assert.Equal(expected.Skip(1), during);
        AssertWhole(expected, after);
        var counted = kind == MalformedKind.HighBelowLow
            ? client.Counters.Inconsistent
            : client.Counters.OffGrid;
        Assert.Equal(1, counted);
    }

    private static void AssertWhole(IReadOnlyList<Candle> expected, IReadOnlyList<Candle> bars)
    {
        Assert.NotEmpty(expected);
        Assert.Equal(expected, bars);
        Assert.Equal(bars.Count, bars.Select(b => b.Start).Distinct().Count());
    }
}
