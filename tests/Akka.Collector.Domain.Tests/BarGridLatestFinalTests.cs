using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class BarGridLatestFinalTests
{
    private static readonly BarGrid Grid = Nyse.Grid;
    private static readonly Duration Grace = Duration.FromSeconds(15);

    [Fact]
    public void Should_hold_back_a_bar_until_its_end_plus_the_grace_has_passed()
    {
        // arrange: the 11:00-11:05 ET bar ends at 15:05Z
        var early = Instant.FromUtc(2026, 3, 10, 15, 5, 14);
        var onTime = Instant.FromUtc(2026, 3, 10, 15, 5, 15);

        // act
        var held = Grid.LatestFinal(early, BarInterval.M5, Grace);
        var released = Grid.LatestFinal(onTime, BarInterval.M5, Grace);

        // assert
        Assert.Equal(Slot(2026, 3, 10, 14, 55, 15, 0), held);
        Assert.Equal(Slot(2026, 3, 10, 15, 0, 15, 5), released);
    }

    [Fact]
    public void Should_equal_latest_closed_when_the_grace_is_zero()
    {
        // arrange
        var t = Instant.FromUtc(2026, 3, 10, 15, 7, 30);

        // act and assert
        foreach (var interval in BarInterval.All)
            Assert.Equal(
                Grid.LatestClosed(t, interval),
                Grid.LatestFinal(t, interval, Duration.Zero));
    }

    [Fact]
    public void Should_reach_back_to_the_previous_session_just_after_the_open()
    {
        // arrange: 10 s after the open; the first 1m bar is not even closed
        var t = Instant.FromUtc(2026, 3, 10, 13, 30, 10);

        // act
        var slot = Grid.LatestFinal(t, BarInterval.M1, Duration.FromSeconds(30));

        // assert
        Assert.Equal(Slot(2026, 3, 9, 19, 59, 20, 0), slot);
    }

    [Fact]
    public void Should_reach_back_to_the_previous_session_just_after_the_open_plus_a_bar()
    {
        // arrange: 20 s after the first 1m bar ended, with a 30 s grace
        var t = Instant.FromUtc(2026, 3, 10, 13, 31, 20);

        // act
        var slot = Grid.LatestFinal(t, BarInterval.M1, Duration.FromSeconds(30));

        // assert
        Assert.Equal(Slot(2026, 3, 9, 19, 59, 20, 0), slot);
    }

    [Fact]
    public void Should_finalise_the_early_close_daily_bar_after_1300_et_plus_the_grace()
    {
        // arrange: Friday 2026-11-27 closes 18:00Z
        var grace = Duration.FromSeconds(30);
        var early = Instant.FromUtc(2026, 11, 27, 18, 0, 29);
        var onTime = Instant.FromUtc(2026, 11, 27, 18, 0, 30);

        // act
        var held = Grid.LatestFinal(early, BarInterval.D1, grace);
        var released = Grid.LatestFinal(onTime, BarInterval.D1, grace);

        // assert
        Assert.Equal(new LocalDate(2026, 11, 25), held.TradingDate);
        Assert.Equal(Slot(2026, 11, 27, 14, 30, 18, 0), released);
    }

    [Fact]
    public void Should_return_a_slot_that_reports_itself_final_while_the_next_is_not()
    {
        // arrange
        var from = Instant.FromUtc(2026, 11, 27, 14, 0);
        var to = Instant.FromUtc(2026, 11, 30, 22, 0);

        foreach (var interval in BarInterval.All)
        {
            for (var t = from; t < to; t += Duration.FromSeconds(97))
            {
                // act
                var slot = Grid.LatestFinal(t, interval, Grace);
                var nextEnd = Grid.NextClose(slot.End, interval);

                // assert
                Assert.True(slot.IsFinalAt(t, Grace));
                Assert.False(nextEnd + Grace <= t);
            }
        }
    }

    private static BarSlot Slot(int y, int m, int d, int h1, int m1, int h2, int m2) =>
        new(Instant.FromUtc(y, m, d, h1, m1), Instant.FromUtc(y, m, d, h2, m2), new(y, m, d));
}
