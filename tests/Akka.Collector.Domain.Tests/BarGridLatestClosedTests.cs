using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class BarGridLatestClosedTests
{
    private static readonly BarGrid Grid = Nyse.Grid;

    // Tuesday 2026-03-10 11:07:30 ET (EDT); the previous session is Monday 03-09.
    [Theory]
    [InlineData("1m", 10, 15, 6, 15, 7)]
    [InlineData("2m", 10, 15, 4, 15, 6)]
    [InlineData("5m", 10, 15, 0, 15, 5)]
    [InlineData("15m", 10, 14, 45, 15, 0)]
    [InlineData("30m", 10, 14, 30, 15, 0)]
    [InlineData("1h", 10, 13, 30, 14, 30)]
    [InlineData("2h", 9, 19, 30, 20, 0)]
    [InlineData("4h", 9, 17, 30, 20, 0)]
    [InlineData("1d", 9, 13, 30, 20, 0)]
    public void Should_return_the_last_ended_bar_in_the_middle_of_a_session(
        string name, int day, int h1, int m1, int h2, int m2)
    {
        // arrange
        var t = Instant.FromUtc(2026, 3, 10, 15, 7, 30);

        // act
        var slot = Grid.LatestClosed(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Slot(2026, 3, day, h1, m1, h2, m2), slot);
    }

    // Exactly 11:00 ET: a bar ending at t counts as closed.
    [Theory]
    [InlineData("1m", 10, 14, 59, 15, 0)]
    [InlineData("2m", 10, 14, 58, 15, 0)]
    [InlineData("5m", 10, 14, 55, 15, 0)]
    [InlineData("15m", 10, 14, 45, 15, 0)]
    [InlineData("30m", 10, 14, 30, 15, 0)]
    [InlineData("1h", 10, 13, 30, 14, 30)]
    [InlineData("2h", 9, 19, 30, 20, 0)]
    public void Should_count_a_bar_ending_exactly_at_t_as_closed(
        string name, int day, int h1, int m1, int h2, int m2)
    {
        // arrange
        var t = Instant.FromUtc(2026, 3, 10, 15, 0);

        // act
        var slot = Grid.LatestClosed(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Slot(2026, 3, day, h1, m1, h2, m2), slot);
    }

    [Fact]
    public void Should_not_count_a_bar_as_closed_one_nanosecond_before_its_end()
    {
        // arrange: the first 1h bar ends at 10:30 ET (14:30Z)
        var end = Instant.FromUtc(2026, 3, 10, 14, 30);

        // act
        var before = Grid.LatestClosed(end - Duration.Epsilon, BarInterval.H1);
        var at = Grid.LatestClosed(end, BarInterval.H1);

        // assert
        Assert.Equal(Slot(2026, 3, 9, 19, 30, 20, 0), before);
        Assert.Equal(Slot(2026, 3, 10, 13, 30, 14, 30), at);
    }

    // At the open nothing of today has closed: the previous session's last bar.
    [Theory]
    [InlineData("1m", 19, 59)]
    [InlineData("2m", 19, 58)]
    [InlineData("5m", 19, 55)]
    [InlineData("15m", 19, 45)]
    [InlineData("30m", 19, 30)]
    [InlineData("1h", 19, 30)]
    [InlineData("2h", 19, 30)]
    [InlineData("4h", 17, 30)]
    [InlineData("1d", 13, 30)]
    public void Should_return_the_previous_sessions_last_bar_at_the_open(
        string name, int h1, int m1)
    {
        // arrange
        var t = Instant.FromUtc(2026, 3, 10, 13, 30);

        // act
        var slot = Grid.LatestClosed(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Slot(2026, 3, 9, h1, m1, 20, 0), slot);
    }

    // At the close, overnight, on the weekend and before Monday's open: the last bar of the
    // session that closed most recently (all EDT sessions here, closing 20:00Z).
    [Theory]
    [InlineData(2026, 3, 10, 20, 0, 10)] // exactly at the close
    [InlineData(2026, 3, 11, 2, 0, 10)] // 22:00 ET the same evening
    [InlineData(2026, 3, 11, 9, 0, 10)] // 05:00 ET next morning
    [InlineData(2026, 3, 11, 13, 29, 10)] // one minute before the next open
    [InlineData(2026, 3, 14, 16, 0, 13)] // Saturday
    [InlineData(2026, 3, 15, 23, 0, 13)] // Sunday evening
    [InlineData(2026, 3, 16, 13, 0, 13)] // Monday 09:00 ET, pre-open
    public void Should_return_the_last_bar_of_the_last_closed_session_outside_hours(
        int y, int m, int d, int h, int min, int expectedDay)
    {
        // arrange
        var t = Instant.FromUtc(y, m, d, h, min);

        // act and assert
        foreach (var interval in BarInterval.All)
        {
            var slot = Grid.LatestClosed(t, interval);
            Assert.Equal(Instant.FromUtc(2026, 3, expectedDay, 20, 0), slot.End);
            Assert.Equal(new LocalDate(2026, 3, expectedDay), slot.TradingDate);
            Assert.Equal(LastStart(interval, 2026, 3, expectedDay, 13, 30), slot.Start);
        }
    }

    [Fact]
    public void Should_cut_the_last_bars_one_nanosecond_before_the_close()
    {
        // arrange
        var t = Instant.FromUtc(2026, 3, 10, 20, 0) - Duration.Epsilon;

        // act and assert
        Assert.Equal(Slot(2026, 3, 10, 19, 58, 19, 59), Grid.LatestClosed(t, BarInterval.M1));
        Assert.Equal(Slot(2026, 3, 10, 18, 30, 19, 30), Grid.LatestClosed(t, BarInterval.H1));
        Assert.Equal(Slot(2026, 3, 10, 17, 30, 19, 30), Grid.LatestClosed(t, BarInterval.H2));
        Assert.Equal(Slot(2026, 3, 10, 13, 30, 17, 30), Grid.LatestClosed(t, BarInterval.H4));
        Assert.Equal(Slot(2026, 3, 9, 13, 30, 20, 0), Grid.LatestClosed(t, BarInterval.D1));
    }

    [Theory]
    [InlineData(2026, 4, 3, 16, 0)] // Good Friday itself
    [InlineData(2026, 4, 4, 16, 0)] // the Saturday after
    [InlineData(2026, 4, 6, 13, 29)] // Monday one minute before the open
    public void Should_skip_a_holiday_back_to_the_session_before_it(
        int y, int m, int d, int h, int min)
    {
        // arrange
        var t = Instant.FromUtc(y, m, d, h, min);

        // act
        var slot = Grid.LatestClosed(t, BarInterval.M5);

        // assert: Thursday 2026-04-02 15:55-16:00 ET
        Assert.Equal(Slot(2026, 4, 2, 19, 55, 20, 0), slot);
    }

    [Theory]
    [InlineData("5m", 6, 13, 40, 13, 45)]
    [InlineData("15m", 6, 13, 30, 13, 45)]
    [InlineData("30m", 2, 19, 30, 20, 0)]
    [InlineData("1d", 2, 13, 30, 20, 0)]
    public void Should_find_bars_of_the_session_after_a_holiday(
        string name, int day, int h1, int m1, int h2, int m2)
    {
        // arrange: Monday 2026-04-06 09:45 ET, after Good Friday
        var t = Instant.FromUtc(2026, 4, 6, 13, 45);

        // act
        var slot = Grid.LatestClosed(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Slot(2026, 4, day, h1, m1, h2, m2), slot);
    }

    [Fact]
    public void Should_skip_thanksgiving_back_to_the_wednesday_in_est()
    {
        // arrange: Thanksgiving 2026-11-26, noon ET
        var t = Instant.FromUtc(2026, 11, 26, 17, 0);

        // act
        var slot = Grid.LatestClosed(t, BarInterval.M1);

        // assert
        Assert.Equal(Slot(2026, 11, 25, 20, 59, 21, 0), slot);
    }

    // Friday 2026-11-27 closes at 13:00 ET (18:00Z); at 14:00 ET the short bars have closed.
    [Theory]
    [InlineData("1m", 17, 59)]
    [InlineData("5m", 17, 55)]
    [InlineData("30m", 17, 30)]
    [InlineData("1h", 17, 30)]
    [InlineData("2h", 16, 30)]
    [InlineData("4h", 14, 30)]
    [InlineData("1d", 14, 30)]
    public void Should_return_the_short_last_bar_on_an_early_close_afternoon(
        string name, int h1, int m1)
    {
        // arrange
        var t = Instant.FromUtc(2026, 11, 27, 19, 0);

        // act
        var slot = Grid.LatestClosed(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Slot(2026, 11, 27, h1, m1, 18, 0), slot);
    }

    [Theory]
    [InlineData("1h", 27, 16, 30, 17, 30)]
    [InlineData("2h", 27, 14, 30, 16, 30)]
    [InlineData("4h", 25, 18, 30, 21, 0)]
    [InlineData("1d", 25, 14, 30, 21, 0)]
    public void Should_return_closed_bars_late_in_an_early_close_morning(
        string name, int day, int h1, int m1, int h2, int m2)
    {
        // arrange: 12:45 ET on the early close day; the session before is Wednesday 11-25
        var t = Instant.FromUtc(2026, 11, 27, 17, 45);

        // act
        var slot = Grid.LatestClosed(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Slot(2026, 11, day, h1, m1, h2, m2), slot);
    }

    // Spring forward on Sunday 2026-03-08: Friday 03-06 closed at 21:00Z (EST).
    [Theory]
    [InlineData(2026, 3, 7, 16, 0)]
    [InlineData(2026, 3, 8, 6, 30)] // 01:30 EST, before the change
    [InlineData(2026, 3, 8, 7, 30)] // 03:30 EDT, just after it
    [InlineData(2026, 3, 8, 12, 0)]
    [InlineData(2026, 3, 9, 13, 29)] // Monday 09:29 EDT
    public void Should_reach_back_over_the_spring_dst_weekend_to_fridays_est_close(
        int y, int m, int d, int h, int min)
    {
        // arrange
        var t = Instant.FromUtc(y, m, d, h, min);

        // act and assert
        Assert.Equal(Slot(2026, 3, 6, 20, 59, 21, 0), Grid.LatestClosed(t, BarInterval.M1));
        Assert.Equal(Slot(2026, 3, 6, 20, 30, 21, 0), Grid.LatestClosed(t, BarInterval.H1));
        Assert.Equal(Slot(2026, 3, 6, 18, 30, 21, 0), Grid.LatestClosed(t, BarInterval.H4));
        Assert.Equal(Slot(2026, 3, 6, 14, 30, 21, 0), Grid.LatestClosed(t, BarInterval.D1));
    }

    [Fact]
    public void Should_align_the_first_session_after_spring_forward_on_edt()
    {
        // arrange: Monday 2026-03-09 opens 13:30Z
        var early = Instant.FromUtc(2026, 3, 9, 13, 31);
        var hour = Instant.FromUtc(2026, 3, 9, 14, 30);

        // act and assert
        Assert.Equal(Slot(2026, 3, 9, 13, 30, 13, 31), Grid.LatestClosed(early, BarInterval.M1));
        Assert.Equal(Slot(2026, 3, 6, 20, 55, 21, 0), Grid.LatestClosed(early, BarInterval.M5));
        Assert.Equal(Slot(2026, 3, 9, 13, 30, 14, 30), Grid.LatestClosed(hour, BarInterval.H1));
        Assert.Equal(
            Slot(2026, 3, 6, 20, 30, 21, 0),
            Grid.LatestClosed(hour - Duration.Epsilon, BarInterval.H1));
    }

    // Fall back on Sunday 2026-11-01: Friday 10-30 closed at 20:00Z (EDT).
    [Theory]
    [InlineData(2026, 10, 31, 16, 0)]
    [InlineData(2026, 11, 1, 5, 30)] // 01:30 EDT, first pass through the repeated hour
    [InlineData(2026, 11, 1, 6, 30)] // 01:30 EST, second pass
    [InlineData(2026, 11, 1, 12, 0)]
    [InlineData(2026, 11, 2, 14, 29)] // Monday 09:29 EST
    public void Should_reach_back_over_the_fall_dst_weekend_to_fridays_edt_close(
        int y, int m, int d, int h, int min)
    {
        // arrange
        var t = Instant.FromUtc(y, m, d, h, min);

        // act and assert
        Assert.Equal(Slot(2026, 10, 30, 19, 59, 20, 0), Grid.LatestClosed(t, BarInterval.M1));
        Assert.Equal(Slot(2026, 10, 30, 17, 30, 20, 0), Grid.LatestClosed(t, BarInterval.H4));
        Assert.Equal(Slot(2026, 10, 30, 13, 30, 20, 0), Grid.LatestClosed(t, BarInterval.D1));
    }

    [Fact]
    public void Should_align_the_first_session_after_fall_back_on_est()
    {
        // arrange: Monday 2026-11-02 opens 14:30Z
        var early = Instant.FromUtc(2026, 11, 2, 14, 31);
        var hour = Instant.FromUtc(2026, 11, 2, 15, 30);

        // act and assert
        Assert.Equal(Slot(2026, 11, 2, 14, 30, 14, 31), Grid.LatestClosed(early, BarInterval.M1));
        Assert.Equal(
            Slot(2026, 10, 30, 19, 30, 20, 0),
            Grid.LatestClosed(early, BarInterval.M30));
        Assert.Equal(Slot(2026, 11, 2, 14, 30, 15, 30), Grid.LatestClosed(hour, BarInterval.H1));
    }

    [Fact]
    public void Should_throw_out_of_range_past_the_calendar_data()
    {
        // arrange: Monday 2028-01-03, 10:00 ET
        var t = Instant.FromUtc(2028, 1, 3, 15, 0);

        // act and assert
        Assert.Throws<CalendarOutOfRangeException>(() => Grid.LatestClosed(t, BarInterval.M1));
    }

    [Fact]
    public void Should_throw_out_of_range_when_no_bar_has_closed_within_the_data()
    {
        // arrange: 10:00 ET in the first session; its first 1h bar is still forming
        var t = Instant.FromUtc(2021, 1, 4, 15, 0);

        // act and assert
        Assert.Throws<CalendarOutOfRangeException>(() => Grid.LatestClosed(t, BarInterval.H1));
    }

    [Theory]
    [InlineData(2026, 3, 5)] // spring DST change on the 8th
    [InlineData(2026, 10, 29)] // fall DST change on 11-01
    [InlineData(2026, 11, 24)] // Thanksgiving and the early close
    [InlineData(2026, 12, 22)] // Christmas Eve early close and Christmas
    public void Should_agree_minute_by_minute_with_the_listed_bars_for_a_week(
        int y, int m, int d)
    {
        // arrange
        var from = Instant.FromUtc(y, m, d, 0, 0);
        var to = from + Duration.FromDays(7);

        foreach (var interval in BarInterval.All)
        {
            var oracle = new GridOracle(Grid, from - Duration.FromDays(10), to, interval);
            for (var t = from; t < to; t += Duration.FromMinutes(1))
            {
                // act
                var atMinute = Grid.LatestClosed(t, interval);
                var justBefore = Grid.LatestClosed(t - Duration.Epsilon, interval);

                // assert
                Assert.Equal(oracle.LatestClosed(t), atMinute);
                Assert.Equal(oracle.LatestClosed(t - Duration.Epsilon), justBefore);
            }
        }
    }

    private static Instant LastStart(BarInterval interval, int y, int m, int d, int h, int min)
    {
        var open = Instant.FromUtc(y, m, d, h, min);
        if (interval.IsDaily)
            return open;

        var count = (390 + interval.Minutes - 1) / interval.Minutes;
        return open + interval.Width * (count - 1);
    }

    private static BarSlot Slot(int y, int m, int d, int h1, int m1, int h2, int m2) =>
        new(Instant.FromUtc(y, m, d, h1, m1), Instant.FromUtc(y, m, d, h2, m2), new(y, m, d));
}
