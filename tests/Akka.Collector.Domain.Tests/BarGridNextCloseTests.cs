using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class BarGridNextCloseTests
{
    private static readonly BarGrid Grid = Nyse.Grid;

    // Tuesday 2026-03-10 11:07:30 ET (EDT, 15:07:30Z).
    [Theory]
    [InlineData("1m", 15, 8)]
    [InlineData("2m", 15, 8)]
    [InlineData("5m", 15, 10)]
    [InlineData("15m", 15, 15)]
    [InlineData("30m", 15, 30)]
    [InlineData("1h", 15, 30)]
    [InlineData("2h", 15, 30)]
    [InlineData("4h", 17, 30)]
    [InlineData("1d", 20, 0)]
    public void Should_give_the_end_of_the_forming_bar_in_the_middle_of_a_session(
        string name, int h, int m)
    {
        // arrange
        var t = Instant.FromUtc(2026, 3, 10, 15, 7, 30);

        // act
        var next = Grid.NextClose(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Instant.FromUtc(2026, 3, 10, h, m), next);
    }

    // Exactly 11:30 ET: the bar ending now is not "next"; the one after it is.
    [Theory]
    [InlineData("1m", 15, 31)]
    [InlineData("5m", 15, 35)]
    [InlineData("30m", 16, 0)]
    [InlineData("1h", 16, 30)]
    [InlineData("2h", 17, 30)]
    [InlineData("4h", 17, 30)]
    [InlineData("1d", 20, 0)]
    public void Should_give_a_close_strictly_after_t_when_t_is_on_a_boundary(
        string name, int h, int m)
    {
        // arrange
        var t = Instant.FromUtc(2026, 3, 10, 15, 30);

        // act
        var next = Grid.NextClose(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Instant.FromUtc(2026, 3, 10, h, m), next);
    }

    [Theory]
    [InlineData("5m", 19, 50)]
    [InlineData("15m", 20, 0)]
    [InlineData("30m", 20, 0)]
    [InlineData("1h", 20, 0)]
    [InlineData("2h", 20, 0)]
    [InlineData("4h", 20, 0)]
    public void Should_cut_the_next_close_at_the_session_close(string name, int h, int m)
    {
        // arrange: 15:45 ET
        var t = Instant.FromUtc(2026, 3, 10, 19, 45);

        // act
        var next = Grid.NextClose(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Instant.FromUtc(2026, 3, 10, h, m), next);
    }

    [Theory]
    [InlineData("1m", 11, 13, 31)]
    [InlineData("5m", 11, 13, 35)]
    [InlineData("1h", 11, 14, 30)]
    [InlineData("4h", 11, 17, 30)]
    [InlineData("1d", 11, 20, 0)]
    public void Should_give_the_first_bar_of_the_next_session_at_the_close(
        string name, int d, int h, int m)
    {
        // arrange
        var t = Instant.FromUtc(2026, 3, 10, 20, 0);

        // act
        var next = Grid.NextClose(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Instant.FromUtc(2026, 3, d, h, m), next);
    }

    [Theory]
    [InlineData("1m", 13, 31)]
    [InlineData("5m", 13, 35)]
    [InlineData("4h", 17, 30)]
    [InlineData("1d", 20, 0)]
    public void Should_give_the_first_bar_of_today_before_the_open(string name, int h, int m)
    {
        // arrange: 08:00 ET
        var t = Instant.FromUtc(2026, 3, 10, 12, 0);

        // act
        var next = Grid.NextClose(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Instant.FromUtc(2026, 3, 10, h, m), next);
    }

    [Theory]
    [InlineData("1m", 13, 31)]
    [InlineData("30m", 14, 0)]
    [InlineData("4h", 17, 30)]
    [InlineData("1d", 20, 0)]
    public void Should_give_mondays_edt_bars_over_the_spring_dst_weekend(
        string name, int h, int m)
    {
        // arrange: Saturday 2026-03-07, still EST
        var t = Instant.FromUtc(2026, 3, 7, 12, 0);

        // act
        var next = Grid.NextClose(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Instant.FromUtc(2026, 3, 9, h, m), next);
    }

    [Theory]
    [InlineData("1m", 14, 31)]
    [InlineData("30m", 15, 0)]
    [InlineData("4h", 18, 30)]
    [InlineData("1d", 21, 0)]
    public void Should_give_mondays_est_bars_over_the_fall_dst_weekend(
        string name, int h, int m)
    {
        // arrange: Saturday 2026-10-31, still EDT
        var t = Instant.FromUtc(2026, 10, 31, 12, 0);

        // act
        var next = Grid.NextClose(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Instant.FromUtc(2026, 11, 2, h, m), next);
    }

    [Theory]
    [InlineData("1m", 14, 31)]
    [InlineData("1h", 15, 30)]
    [InlineData("2h", 16, 30)]
    [InlineData("4h", 18, 0)]
    [InlineData("1d", 18, 0)]
    public void Should_skip_thanksgiving_to_the_early_close_friday(string name, int h, int m)
    {
        // arrange: Thanksgiving 2026-11-26, 10:00 ET
        var t = Instant.FromUtc(2026, 11, 26, 15, 0);

        // act
        var next = Grid.NextClose(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Instant.FromUtc(2026, 11, 27, h, m), next);
    }

    [Theory]
    [InlineData("1m", 14, 31)]
    [InlineData("1h", 15, 30)]
    [InlineData("2h", 16, 30)]
    [InlineData("4h", 18, 0)]
    [InlineData("1d", 18, 0)]
    public void Should_close_the_4h_and_daily_bars_at_1300_et_on_an_early_close_day(
        string name, int h, int m)
    {
        // arrange: the open of Friday 2026-11-27
        var t = Instant.FromUtc(2026, 11, 27, 14, 30);

        // act
        var next = Grid.NextClose(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Instant.FromUtc(2026, 11, 27, h, m), next);
    }

    [Theory]
    [InlineData("1m", 17, 46)]
    [InlineData("30m", 18, 0)]
    [InlineData("1h", 18, 0)]
    [InlineData("2h", 18, 0)]
    [InlineData("4h", 18, 0)]
    [InlineData("1d", 18, 0)]
    public void Should_cut_the_next_close_at_1300_et_late_on_an_early_close_day(
        string name, int h, int m)
    {
        // arrange: 12:45 ET
        var t = Instant.FromUtc(2026, 11, 27, 17, 45);

        // act
        var next = Grid.NextClose(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Instant.FromUtc(2026, 11, 27, h, m), next);
    }

    [Theory]
    [InlineData("1m", 14, 31)]
    [InlineData("1d", 21, 0)]
    public void Should_move_to_monday_after_an_early_close(string name, int h, int m)
    {
        // arrange: 14:00 ET on the early close day
        var t = Instant.FromUtc(2026, 11, 27, 19, 0);

        // act
        var next = Grid.NextClose(t, BarInterval.Parse(name));

        // assert
        Assert.Equal(Instant.FromUtc(2026, 11, 30, h, m), next);
    }

    [Fact]
    public void Should_throw_out_of_range_when_the_next_session_is_past_the_data()
    {
        // arrange: after the last covered close
        var t = Instant.FromUtc(2027, 12, 31, 22, 0);

        // act and assert
        Assert.Throws<CalendarOutOfRangeException>(() => Grid.NextClose(t, BarInterval.M1));
    }

    [Theory]
    [InlineData(2026, 3, 5)]
    [InlineData(2026, 10, 29)]
    [InlineData(2026, 11, 24)]
    [InlineData(2026, 12, 22)]
    public void Should_agree_minute_by_minute_with_the_listed_bars_for_a_week(
        int y, int m, int d)
    {
        // arrange
        var from = Instant.FromUtc(y, m, d, 0, 0);
        var to = from + Duration.FromDays(7);

        foreach (var interval in BarInterval.All)
        {
            var oracle = new GridOracle(Grid, from, to + Duration.FromDays(10), interval);
            for (var t = from; t < to; t += Duration.FromMinutes(1))
            {
                // act
                var atMinute = Grid.NextClose(t, interval);
                var justBefore = Grid.NextClose(t - Duration.Epsilon, interval);

                // assert
                Assert.Equal(oracle.NextClose(t), atMinute);
                Assert.Equal(oracle.NextClose(t - Duration.Epsilon), justBefore);
            }
        }
    }
}
