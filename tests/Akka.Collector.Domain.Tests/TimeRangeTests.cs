using Akka.Collector.Domain.Alignment;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class TimeRangeTests
{
    private static readonly Instant From = Instant.FromUtc(2026, 3, 10, 13, 30);
    private static readonly Instant To = Instant.FromUtc(2026, 3, 10, 20, 0);

    [Fact]
    public void Should_hold_its_start_but_not_its_end()
    {
        // arrange
        var range = new TimeRange(From, To);

        // act and assert
        Assert.True(range.Contains(From));
        Assert.True(range.Contains(To - Duration.Epsilon));
        Assert.False(range.Contains(To));
        Assert.False(range.Contains(From - Duration.Epsilon));
        Assert.Equal(Duration.FromMinutes(390), range.Length);
        Assert.False(range.IsEmpty);
    }

    [Fact]
    public void Should_allow_an_empty_range_that_contains_nothing()
    {
        // act
        var range = new TimeRange(From, From);

        // assert
        Assert.True(range.IsEmpty);
        Assert.False(range.Contains(From));
        Assert.Equal(Duration.Zero, range.Length);
    }

    [Fact]
    public void Should_reject_an_inverted_range_naming_both_ends()
    {
        // act
        var e = Assert.Throws<ArgumentException>(() => new TimeRange(To, From));

        // assert
        Assert.Contains("2026-03-10T13:30:00Z", e.Message);
        Assert.Contains("2026-03-10T20:00:00Z", e.Message);
    }

    [Fact]
    public void Should_print_as_a_half_open_interval()
    {
        // arrange
        var range = new TimeRange(From, To);

        // act
        var text = range.ToString();

        // assert
        Assert.Equal("[2026-03-10T13:30:00Z, 2026-03-10T20:00:00Z)", text);
    }
}
