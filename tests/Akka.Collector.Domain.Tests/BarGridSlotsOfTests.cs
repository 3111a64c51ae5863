using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class BarGridSlotsOfTests
{
    // Tuesday 2026-03-10, EDT: 09:30-16:00 ET is 13:30Z-20:00Z.
    private static readonly TradingSession FullDay =
        Nyse.Calendar.SessionOn(new LocalDate(2026, 3, 10))!;

    // Friday 2026-11-27, EST, early close: 09:30-13:00 ET is 14:30Z-18:00Z.
    private static readonly TradingSession EarlyClose =
        Nyse.Calendar.SessionOn(new LocalDate(2026, 11, 27))!;

    [Theory]
    [InlineData("1m", 390)]
    [InlineData("2m", 195)]
    [InlineData("5m", 78)]
    [InlineData("15m", 26)]
    [InlineData("30m", 13)]
    [InlineData("1h", 7)]
    [InlineData("2h", 4)]
    [InlineData("4h", 2)]
    [InlineData("1d", 1)]
    public void Should_cut_a_full_session_into_the_expected_number_of_bars(
        string name, int count)
    {
        // act
        var slots = Nyse.Grid.SlotsOf(FullDay, BarInterval.Parse(name)).ToList();

        // assert
        Assert.Equal(count, slots.Count);
        AssertTiles(FullDay, slots);
    }

    [Theory]
    [InlineData("1m", 210)]
    [InlineData("2m", 105)]
    [InlineData("5m", 42)]
    [InlineData("15m", 14)]
    [InlineData("30m", 7)]
    [InlineData("1h", 4)]
    [InlineData("2h", 2)]
    [InlineData("4h", 1)]
    [InlineData("1d", 1)]
    public void Should_cut_an_early_close_session_into_the_expected_number_of_bars(
        string name, int count)
    {
        // act
        var slots = Nyse.Grid.SlotsOf(EarlyClose, BarInterval.Parse(name)).ToList();

        // assert
        Assert.Equal(count, slots.Count);
        AssertTiles(EarlyClose, slots);
    }

    [Fact]
    public void Should_start_1m_bars_at_the_open_and_end_the_last_at_the_close()
    {
        // act
        var slots = Nyse.Grid.SlotsOf(FullDay, BarInterval.M1).ToList();

        // assert
        Assert.Equal(Slot(2026, 3, 10, 13, 30, 13, 31), slots[0]);
        Assert.Equal(Slot(2026, 3, 10, 19, 59, 20, 0), slots[^1]);
    }

    [Fact]
    public void Should_anchor_1h_bars_on_the_half_hour_and_end_with_a_half_hour_bar()
    {
        // act
        var starts = Nyse.Grid.SlotsOf(FullDay, BarInterval.H1).ToList();

        // assert: 09:30, 10:30, ... 15:30 ET
        Assert.Equal(
            Enumerable.Range(0, 7).Select(i => Instant.FromUtc(2026, 3, 10, 13 + i, 30)),
            starts.Select(s => s.Start));
        Assert.Equal(Slot(2026, 3, 10, 19, 30, 20, 0), starts[^1]);
    }

    [Fact]
    public void Should_end_a_full_day_of_2h_bars_with_1530_to_1600()
    {
        // act
        var slots = Nyse.Grid.SlotsOf(FullDay, BarInterval.H2).ToList();

        // assert: 09:30-11:30, 11:30-13:30, 13:30-15:30, 15:30-16:00 ET
        Assert.Equal(
            [
                Slot(2026, 3, 10, 13, 30, 15, 30),
                Slot(2026, 3, 10, 15, 30, 17, 30),
                Slot(2026, 3, 10, 17, 30, 19, 30),
                Slot(2026, 3, 10, 19, 30, 20, 0),
            ],
            slots);
    }

    [Fact]
    public void Should_cut_a_full_day_into_4h_bars_0930_to_1330_and_1330_to_1600()
    {
        // act
        var slots = Nyse.Grid.SlotsOf(FullDay, BarInterval.H4).ToList();

        // assert
        Assert.Equal(
            [Slot(2026, 3, 10, 13, 30, 17, 30), Slot(2026, 3, 10, 17, 30, 20, 0)],
            slots);
    }

    [Fact]
    public void Should_make_a_single_0930_to_1300_4h_bar_on_an_early_close_day()
    {
        // act
        var slots = Nyse.Grid.SlotsOf(EarlyClose, BarInterval.H4).ToList();

        // assert
        Assert.Equal([Slot(2026, 11, 27, 14, 30, 18, 0)], slots);
    }

    [Fact]
    public void Should_end_an_early_close_day_with_a_1230_to_1300_1h_bar()
    {
        // act
        var slots = Nyse.Grid.SlotsOf(EarlyClose, BarInterval.H1).ToList();

        // assert
        Assert.Equal(Slot(2026, 11, 27, 17, 30, 18, 0), slots[^1]);
    }

    [Fact]
    public void Should_end_an_early_close_day_of_2h_bars_with_1130_to_1300()
    {
        // act
        var slots = Nyse.Grid.SlotsOf(EarlyClose, BarInterval.H2).ToList();

        // assert
        Assert.Equal(
            [Slot(2026, 11, 27, 14, 30, 16, 30), Slot(2026, 11, 27, 16, 30, 18, 0)],
            slots);
    }

    [Fact]
    public void Should_end_an_early_close_day_of_1m_bars_at_1259_to_1300()
    {
        // act
        var slots = Nyse.Grid.SlotsOf(EarlyClose, BarInterval.M1).ToList();

        // assert
        Assert.Equal(Slot(2026, 11, 27, 17, 59, 18, 0), slots[^1]);
    }

    [Fact]
    public void Should_make_the_daily_bar_the_whole_session()
    {
        // act
        var full = Nyse.Grid.SlotsOf(FullDay, BarInterval.D1).Single();
        var early = Nyse.Grid.SlotsOf(EarlyClose, BarInterval.D1).Single();

        // assert
        Assert.Equal(new BarSlot(FullDay.Open, FullDay.Close, FullDay.Date), full);
        Assert.Equal(new BarSlot(EarlyClose.Open, EarlyClose.Close, EarlyClose.Date), early);
    }

    [Fact]
    public void Should_follow_the_utc_offset_of_the_day_across_a_dst_change()
    {
        // arrange: Friday before and Monday after the spring change
        var friday = Nyse.Calendar.SessionOn(new LocalDate(2026, 3, 6))!;
        var monday = Nyse.Calendar.SessionOn(new LocalDate(2026, 3, 9))!;

        // act
        var fridayFirst = Nyse.Grid.SlotsOf(friday, BarInterval.M30).First();
        var mondayFirst = Nyse.Grid.SlotsOf(monday, BarInterval.M30).First();

        // assert
        Assert.Equal(Slot(2026, 3, 6, 14, 30, 15, 0), fridayFirst);
        Assert.Equal(Slot(2026, 3, 9, 13, 30, 14, 0), mondayFirst);
    }

    // The bars run open to close without gaps, each inside the session, none longer than the
    // interval, each labelled with the session date.
    private static void AssertTiles(TradingSession session, IReadOnlyList<BarSlot> slots)
    {
        Assert.Equal(session.Open, slots[0].Start);
        Assert.Equal(session.Close, slots[^1].End);
        for (var i = 0; i < slots.Count; i++)
        {
            Assert.True(slots[i].Start < slots[i].End);
            Assert.Equal(session.Date, slots[i].TradingDate);
            if (i > 0)
                Assert.Equal(slots[i - 1].End, slots[i].Start);
        }
    }

    private static BarSlot Slot(int y, int m, int d, int h1, int m1, int h2, int m2) =>
        new(Instant.FromUtc(y, m, d, h1, m1), Instant.FromUtc(y, m, d, h2, m2), new(y, m, d));
}
