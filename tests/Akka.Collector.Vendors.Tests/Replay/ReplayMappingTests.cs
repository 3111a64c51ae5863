using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Replay;
using Akka.Collector.Vendors.Tests.Support;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Replay;

/// <summary>
/// Three recorded sessions R1..R3 of AAA replayed with the clock on Friday 2026-12-04: R3
/// plays on that day, R2 on Thursday, R1 on Wednesday, and from Monday on they cycle.
/// </summary>
public sealed class ReplayMappingTests
{
    private static readonly BarInterval M1 = BarInterval.M1;

    [Fact]
    public async Task The_last_recording_plays_today_and_only_closed_minutes_are_served()
    {
        // arrange
        var clock = Clocks.At(2026, 12, 4, 12, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 3)], clock, Calendars.Grid());

        // act
        var bars = await source.Bars("AAA", M1, Day(4), Day(5));

        // assert: 09:30 .. 11:59, the bar ending 12:00 included
        Assert.Equal(new LocalDate(2026, 12, 4), source.Anchor.Date);
        Assert.Equal(150, bars.Count);
        Assert.Equal(Clocks.Et(2026, 12, 4, 9, 30), bars[0].Start);
        Assert.Equal(Clocks.Et(2026, 12, 4, 11, 59), bars[^1].Start);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => Recordings.CloseOf(3, i)),
            bars.Select(b => b.Close));
    }

    [Fact]
    public async Task After_the_close_the_whole_session_is_served_on_the_same_anchor()
    {
        // arrange
        var clock = Clocks.At(2026, 12, 4, 12, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 3)], clock, Calendars.Grid());

        // act
        Clocks.SetTo(clock, Clocks.Et(2026, 12, 4, 16, 0));
        var bars = await source.Bars("AAA", M1, Day(4), Day(5));

        // assert
        Assert.Equal(390, bars.Count);
        Assert.Equal(Recordings.CloseOf(3, 389), bars[^1].Close);
        Assert.Equal(Clocks.Et(2026, 12, 4, 15, 59), bars[^1].Start);
    }

    [Fact]
    public async Task Earlier_recordings_play_on_the_sessions_before_and_none_before_them()
    {
        // arrange
        var clock = Clocks.At(2026, 12, 4, 12, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 3)], clock, Calendars.Grid());

        // act
        var thursday = await source.Bars("AAA", M1, Day(3), Day(4));
        var wednesday = await source.Bars("AAA", M1, Day(2), Day(3));
        var tuesday = await source.Bars("AAA", M1, Day(1), Day(2));

        // assert
        Assert.Equal(390, thursday.Count);
        Assert.Equal(Enumerable.Range(0, 390).Select(i => Recordings.CloseOf(2, i)),
            thursday.Select(b => b.Close));
        Assert.Equal(Clocks.Et(2026, 12, 3, 9, 30), thursday[0].Start);
        Assert.Equal(Recordings.CloseOf(1, 0), wednesday[0].Close);
        Assert.Empty(tuesday);
    }

    [Fact]
    public async Task Sessions_after_the_anchor_cycle_through_the_recordings()
    {
        // arrange
        var clock = Clocks.At(2026, 12, 4, 12, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 3)], clock, Calendars.Grid());

        // act: a week later, Monday 12-07 .. Thursday 12-10
        Clocks.SetTo(clock, Clocks.Et(2026, 12, 10, 16, 0));
        var daily = await source.Bars("AAA", BarInterval.D1, Day(7), Day(11));

        // assert
        Assert.Equal([7, 8, 9, 10], daily.Select(b => b.Start.InZone(Clocks.Eastern).Day));
        Assert.Equal(new[] { 1, 2, 3, 1 }.Select(r => Recordings.CloseOf(r, 389)),
            daily.Select(b => b.Close));
    }

    [Fact]
    public async Task Each_symbol_maps_its_own_number_of_recordings()
    {
        // arrange
        var clock = Clocks.At(2026, 12, 4, 17, 0);
        var source = new ReplayBarSource(
            [Recordings.Of("AAA", 3), Recordings.Of("BBB", 1)], clock, Calendars.Grid());

        // act
        Clocks.SetTo(clock, Clocks.Et(2026, 12, 8, 17, 0));
        var batch = await source.Batch(["AAA", "BBB"], BarInterval.D1, Day(1), Day(9));

        // assert: BBB's single recording plays on the anchor and on every later session
        Assert.Equal([2, 3, 4, 7, 8], Days(batch.For(Sym("AAA"))));
        Assert.Equal([4, 7, 8], Days(batch.For(Sym("BBB"))));
        Assert.All(batch.For(Sym("BBB")), b => Assert.Equal(Recordings.CloseOf(1, 389), b.Close));
    }

    [Fact]
    public async Task An_early_close_target_drops_the_recorded_minutes_past_its_close()
    {
        // arrange: Friday 2026-11-27 closes at 13:00; at 14:00 it is the last closed session
        var clock = Clocks.At(2026, 11, 27, 14, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 2)], clock, Calendars.Grid());
        var from = Clocks.Et(2026, 11, 27, 0, 0);
        var to = Clocks.Et(2026, 11, 28, 0, 0);

        // act
        var minutes = await source.Bars("AAA", M1, from, to);
        var daily = Assert.Single(await source.Bars("AAA", BarInterval.D1, from, to));

        // assert
        Assert.Equal(210, minutes.Count);
        Assert.Equal(Clocks.Et(2026, 11, 27, 12, 59), minutes[^1].Start);
        Assert.Equal(Recordings.CloseOf(2, 209), daily.Close);
        Assert.Equal(Enumerable.Range(0, 210).Sum(i => 10L + i), daily.Volume);
    }

    [Fact]
    public async Task Cycling_onto_an_early_close_also_cuts_at_its_close()
    {
        // arrange
        var clock = Clocks.At(2026, 12, 4, 17, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 3)], clock, Calendars.Grid());

        // act: Christmas Eve 2026 closes at 13:00
        Clocks.SetTo(clock, Clocks.Et(2026, 12, 24, 18, 0));
        var minutes = await source.Bars("AAA", M1, Day(24), Day(25));

        // assert
        Assert.Equal(210, minutes.Count);
        Assert.Equal(Clocks.Et(2026, 12, 24, 12, 59), minutes[^1].Start);
    }

    [Fact]
    public async Task Only_bars_starting_inside_the_range_are_served()
    {
        // arrange
        var clock = Clocks.At(2026, 12, 4, 17, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 3)], clock, Calendars.Grid());
        var from = Clocks.Et(2026, 12, 3, 10, 2);
        var to = Clocks.Et(2026, 12, 3, 10, 20);

        // act
        var minutes = await source.Bars("AAA", M1, from, to);
        var fives = await source.Bars("AAA", BarInterval.M5, from, to);
        var daily = await source.Bars("AAA", BarInterval.D1, from, Day(5));

        // assert: 10:00 starts before the range, 10:20 at its end
        Assert.Equal(18, minutes.Count);
        Assert.All(minutes, b => Assert.InRange(b.Start, from, to - Duration.Epsilon));
        Assert.Equal([5, 10, 15], fives.Select(b => b.Start.InZone(Clocks.Eastern).Minute));
        Assert.Equal(Clocks.Et(2026, 12, 4, 9, 30), Assert.Single(daily).Start);
    }

    [Fact]
    public async Task Unknown_symbols_are_absent_and_known_ones_served()
    {
        // arrange
        var clock = Clocks.At(2026, 12, 4, 17, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 3)], clock, Calendars.Grid());

        // act
        var batch = await source.Batch(["AAA", "ZZZ"], BarInterval.M30, Day(4), Day(5));

        // assert
        Assert.Equal(13, batch.For(Sym("AAA")).Count);
        Assert.False(batch.Bars.ContainsKey(Sym("ZZZ")));
    }

    private static int[] Days(IEnumerable<Domain.Candles.Candle> bars) =>
        bars.Select(b => b.Start.InZone(Clocks.Eastern).Day).ToArray();

    private static Instant Day(int december) => Clocks.Et(2026, 12, december, 0, 0);

    private static Domain.Symbols.Symbol Sym(string text) => Domain.Symbols.Symbol.Parse(text);
}
