using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class BarGridBackfillStartTests
{
    private static readonly BarGrid Grid = Nyse.Grid;

    [Fact]
    public void Should_start_at_todays_open_for_one_session_during_a_session()
    {
        // arrange
        var t = Instant.FromUtc(2026, 3, 10, 15, 0);

        // act
        var start = Grid.BackfillStart(t, 1);

        // assert
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 13, 30), start);
    }

    [Fact]
    public void Should_count_the_session_in_progress_and_skip_weekends_and_dst()
    {
        // arrange: five sessions ending Tuesday 03-10 reach back to Wednesday 03-04 (EST)
        var t = Instant.FromUtc(2026, 3, 10, 15, 0);

        // act
        var start = Grid.BackfillStart(t, 5);

        // assert
        Assert.Equal(Instant.FromUtc(2026, 3, 4, 14, 30), start);
    }

    [Fact]
    public void Should_count_back_from_the_last_closed_session_before_the_open()
    {
        // arrange: Monday 03-09 08:00 ET; the last closed session is Friday 03-06
        var t = Instant.FromUtc(2026, 3, 9, 12, 0);

        // act
        var one = Grid.BackfillStart(t, 1);
        var two = Grid.BackfillStart(t, 2);

        // assert
        Assert.Equal(Instant.FromUtc(2026, 3, 6, 14, 30), one);
        Assert.Equal(Instant.FromUtc(2026, 3, 5, 14, 30), two);
    }

    [Fact]
    public void Should_skip_holidays_when_counting_sessions()
    {
        // arrange: Monday 2026-04-06 noon ET, after Good Friday
        var t = Instant.FromUtc(2026, 4, 6, 16, 0);

        // act
        var start = Grid.BackfillStart(t, 2);

        // assert
        Assert.Equal(Instant.FromUtc(2026, 4, 2, 13, 30), start);
    }

    [Fact]
    public void Should_treat_zero_or_negative_counts_as_the_current_session()
    {
        // arrange
        var t = Instant.FromUtc(2026, 3, 10, 15, 0);

        // act and assert
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 13, 30), Grid.BackfillStart(t, 0));
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 13, 30), Grid.BackfillStart(t, -3));
    }

    [Fact]
    public void Should_clamp_to_the_first_covered_session_when_counting_past_it()
    {
        // arrange: Wednesday 2021-01-06, the third session of the data
        var t = Instant.FromUtc(2021, 1, 6, 15, 0);

        // act
        var start = Grid.BackfillStart(t, 10);

        // assert: Monday 2021-01-04 09:30 ET
        Assert.Equal(Instant.FromUtc(2021, 1, 4, 14, 30), start);
    }

    [Theory]
    [InlineData(2021, 1, 1, 15, 0)] // New Year's Day, covered but closed
    [InlineData(2021, 1, 4, 13, 0)] // before the first open
    [InlineData(2021, 1, 4, 15, 0)] // during the first session
    public void Should_clamp_to_the_first_session_before_any_session_has_closed(
        int y, int m, int d, int h, int min)
    {
        // arrange
        var t = Instant.FromUtc(y, m, d, h, min);

        // act
        var start = Grid.BackfillStart(t, 30);

        // assert
        Assert.Equal(Instant.FromUtc(2021, 1, 4, 14, 30), start);
    }

    [Fact]
    public void Should_throw_out_of_range_for_an_instant_outside_the_data()
    {
        // arrange
        var before = Instant.FromUtc(2020, 12, 31, 15, 0);
        var after = Instant.FromUtc(2028, 1, 3, 15, 0);

        // act and assert
        Assert.Throws<CalendarOutOfRangeException>(() => Grid.BackfillStart(before, 5));
        Assert.Throws<CalendarOutOfRangeException>(() => Grid.BackfillStart(after, 5));
    }
}
