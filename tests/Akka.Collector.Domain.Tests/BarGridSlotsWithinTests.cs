using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class BarGridSlotsWithinTests
{
    private static readonly BarGrid Grid = Nyse.Grid;

    [Fact]
    public void Should_list_the_bars_of_the_first_hour_of_a_session()
    {
        // arrange: 09:30-10:30 ET on 2026-03-10
        var from = Instant.FromUtc(2026, 3, 10, 13, 30);
        var to = Instant.FromUtc(2026, 3, 10, 14, 30);

        // act
        var slots = Grid.SlotsWithin(from, to, BarInterval.M5).ToList();

        // assert
        Assert.Equal(12, slots.Count);
        Assert.Equal(from, slots[0].Start);
        Assert.Equal(to, slots[^1].End);
    }

    [Fact]
    public void Should_leave_out_bars_that_stick_out_of_either_end()
    {
        // arrange: 09:32 to 10:28 ET
        var from = Instant.FromUtc(2026, 3, 10, 13, 32);
        var to = Instant.FromUtc(2026, 3, 10, 14, 28);

        // act
        var slots = Grid.SlotsWithin(from, to, BarInterval.M5).ToList();

        // assert: 09:35 ... 10:20-10:25
        Assert.Equal(10, slots.Count);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 13, 35), slots[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 14, 25), slots[^1].End);
    }

    [Fact]
    public void Should_keep_the_short_last_bar_when_the_range_reaches_the_close()
    {
        // arrange
        var from = Instant.FromUtc(2026, 3, 10, 13, 30);
        var close = Instant.FromUtc(2026, 3, 10, 20, 0);

        // act
        var toClose = Grid.SlotsWithin(from, close, BarInterval.H1).ToList();
        var shortOfClose = Grid.SlotsWithin(from, close - Duration.Epsilon, BarInterval.H1);

        // assert
        Assert.Equal(7, toClose.Count);
        Assert.Equal(6, shortOfClose.Count());
    }

    [Fact]
    public void Should_span_sessions_and_skip_the_night_between_them()
    {
        // arrange: 15:00 ET on 03-10 to 10:00 ET on 03-11
        var from = Instant.FromUtc(2026, 3, 10, 19, 0);
        var to = Instant.FromUtc(2026, 3, 11, 14, 0);

        // act
        var starts = Grid.SlotsWithin(from, to, BarInterval.M30).Select(s => s.Start);

        // assert
        Assert.Equal(
            [
                Instant.FromUtc(2026, 3, 10, 19, 0),
                Instant.FromUtc(2026, 3, 10, 19, 30),
                Instant.FromUtc(2026, 3, 11, 13, 30),
            ],
            starts);
    }

    [Fact]
    public void Should_list_one_daily_bar_per_session_in_a_week_with_a_holiday()
    {
        // arrange: the Good Friday week, Monday 03-30 to Saturday 04-04
        var from = Instant.FromUtc(2026, 3, 30, 0, 0);
        var to = Instant.FromUtc(2026, 4, 4, 0, 0);

        // act
        var dates = Grid.SlotsWithin(from, to, BarInterval.D1).Select(s => s.TradingDate);

        // assert
        Assert.Equal(
            [
                new LocalDate(2026, 3, 30),
                new LocalDate(2026, 3, 31),
                new LocalDate(2026, 4, 1),
                new LocalDate(2026, 4, 2),
            ],
            dates);
    }

    [Fact]
    public void Should_leave_out_a_daily_bar_the_range_covers_only_in_part()
    {
        // arrange: from noon ET
        var from = Instant.FromUtc(2026, 3, 10, 16, 0);
        var to = Instant.FromUtc(2026, 3, 12, 0, 0);

        // act
        var dates = Grid.SlotsWithin(from, to, BarInterval.D1).Select(s => s.TradingDate);

        // assert
        Assert.Equal([new LocalDate(2026, 3, 11)], dates);
    }

    [Fact]
    public void Should_count_the_bars_of_a_whole_week_across_the_spring_dst_change()
    {
        // arrange: Monday 03-02 to Saturday 03-14, ten full sessions
        var from = Instant.FromUtc(2026, 3, 2, 0, 0);
        var to = Instant.FromUtc(2026, 3, 14, 0, 0);

        // act and assert
        Assert.Equal(3900, Grid.SlotsWithin(from, to, BarInterval.M1).Count());
        Assert.Equal(70, Grid.SlotsWithin(from, to, BarInterval.H1).Count());
        Assert.Equal(20, Grid.SlotsWithin(from, to, BarInterval.H4).Count());
        Assert.Equal(10, Grid.SlotsWithin(from, to, BarInterval.D1).Count());
    }

    [Fact]
    public void Should_give_nothing_for_an_empty_range_or_a_closed_market()
    {
        // arrange
        var t = Instant.FromUtc(2026, 3, 10, 15, 0);
        var saturday = Instant.FromUtc(2026, 3, 14, 0, 0);

        // act and assert
        Assert.Empty(Grid.SlotsWithin(t, t, BarInterval.M1));
        Assert.Empty(Grid.SlotsWithin(saturday, saturday + Duration.FromDays(2), BarInterval.M1));
    }

    [Fact]
    public void Should_reject_an_inverted_range()
    {
        // arrange
        var from = Instant.FromUtc(2026, 3, 10, 15, 0);
        var to = Instant.FromUtc(2026, 3, 10, 14, 0);

        // act
        var e = Assert.Throws<ArgumentException>(() => Grid.SlotsWithin(from, to, BarInterval.M1));

        // assert
        Assert.Contains("before its start", e.Message);
    }

    [Fact]
    public void Should_throw_out_of_range_for_a_range_past_the_data()
    {
        // arrange
        var from = Instant.FromUtc(2027, 12, 30, 0, 0);
        var to = Instant.FromUtc(2028, 1, 5, 0, 0);

        // act and assert
        Assert.Throws<CalendarOutOfRangeException>(
            () => Grid.SlotsWithin(from, to, BarInterval.D1).ToList());
    }

    [Fact]
    public void Should_reach_the_last_covered_session_with_an_exclusive_midnight_end()
    {
        // arrange: up to 2028-01-01 00:00 ET
        var from = Instant.FromUtc(2027, 12, 31, 0, 0);
        var to = Instant.FromUtc(2028, 1, 1, 5, 0);

        // act
        var slots = Grid.SlotsWithin(from, to, BarInterval.D1).ToList();

        // assert
        Assert.Equal(new LocalDate(2027, 12, 31), Assert.Single(slots).TradingDate);
    }
}
