using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class BarGridSlotStartForTests
{
    private static readonly BarGrid Grid = Nyse.Grid;

    // A 1m bar starting 11:07 ET on Tuesday 2026-03-10 (EDT).
    [Theory]
    [InlineData("1m", 15, 7)]
    [InlineData("2m", 15, 6)]
    [InlineData("5m", 15, 5)]
    [InlineData("15m", 15, 0)]
    [InlineData("30m", 15, 0)]
    [InlineData("1h", 14, 30)]
    [InlineData("2h", 13, 30)]
    [InlineData("4h", 13, 30)]
    [InlineData("1d", 13, 30)]
    public void Should_give_the_start_of_the_wider_bar_holding_a_finer_bar(
        string name, int h, int m)
    {
        // arrange
        var finer = Instant.FromUtc(2026, 3, 10, 15, 7);

        // act
        var start = Grid.SlotStartFor(finer, BarInterval.Parse(name));

        // assert
        Assert.Equal(Instant.FromUtc(2026, 3, 10, h, m), start);
    }

    [Theory]
    [InlineData(2026, 3, 10, 13, 29)] // pre-market
    [InlineData(2026, 3, 10, 20, 0)] // the close itself
    [InlineData(2026, 3, 10, 22, 0)] // after hours
    [InlineData(2026, 3, 14, 15, 0)] // Saturday
    [InlineData(2026, 4, 3, 15, 0)] // Good Friday
    [InlineData(2026, 11, 27, 18, 0)] // after the 13:00 ET early close
    public void Should_give_null_outside_regular_hours(int y, int m, int d, int h, int min)
    {
        // arrange
        var finer = Instant.FromUtc(y, m, d, h, min);

        // act and assert
        foreach (var interval in BarInterval.All)
            Assert.Null(Grid.SlotStartFor(finer, interval));
    }

    [Fact]
    public void Should_hold_the_last_minute_of_an_early_close_day_in_the_single_4h_bar()
    {
        // arrange: 12:59 ET on 2026-11-27 (EST)
        var finer = Instant.FromUtc(2026, 11, 27, 17, 59);

        // act
        var start = Grid.SlotStartFor(finer, BarInterval.H4);

        // assert
        Assert.Equal(Instant.FromUtc(2026, 11, 27, 14, 30), start);
    }

    [Fact]
    public void Should_find_the_slot_containing_an_instant_or_null_outside_hours()
    {
        // arrange
        var inside = Instant.FromUtc(2026, 3, 10, 15, 7, 30);
        var outside = Instant.FromUtc(2026, 3, 10, 21, 0);

        // act
        var fiveMinute = Grid.SlotContaining(inside, BarInterval.M5);
        var daily = Grid.SlotContaining(inside, BarInterval.D1);
        var lastHour = Grid.SlotContaining(Instant.FromUtc(2026, 3, 10, 19, 59), BarInterval.H1);

        // assert
        Assert.Equal(
            new BarSlot(
                Instant.FromUtc(2026, 3, 10, 15, 5),
                Instant.FromUtc(2026, 3, 10, 15, 10),
                new LocalDate(2026, 3, 10)),
            fiveMinute);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 13, 30), daily?.Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 20, 0), daily?.End);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 20, 0), lastHour?.End);
        Assert.Null(Grid.SlotContaining(outside, BarInterval.M5));
    }
}
