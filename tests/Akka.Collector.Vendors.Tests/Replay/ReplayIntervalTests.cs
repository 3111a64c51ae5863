using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Replay;
using Akka.Collector.Vendors.Tests.Support;

namespace Akka.Collector.Vendors.Tests.Replay;

public sealed class ReplayIntervalTests
{
    public static TheoryData<string> WiderThanOneMinute =>
        [.. BarInterval.All.Where(i => i != BarInterval.M1).Select(i => i.Name)];

    [Theory]
    [MemberData(nameof(WiderThanOneMinute))]
    public async Task Wider_bars_are_the_rollup_of_the_served_minutes(string name)
    {
        // arrange: a week with the early close of 11-27 in it, clock after the last close
        var interval = BarInterval.Parse(name);
        var grid = Calendars.Grid();
        var clock = Clocks.At(2026, 12, 1, 17, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 4)], clock, grid);
        var from = Clocks.Et(2026, 11, 25, 0, 0);
        var to = Clocks.Et(2026, 12, 2, 0, 0);

        // act
        var minutes = await source.Bars("AAA", BarInterval.M1, from, to);
        var wider = await source.Bars("AAA", interval, from, to);

        // assert
        Assert.NotEmpty(wider);
        Assert.Equal(grid.ClosedRollup(minutes, interval, clock.Now()), wider);
    }

    [Theory]
    [MemberData(nameof(WiderThanOneMinute))]
    public async Task Mid_session_only_closed_wider_bars_are_served(string name)
    {
        // arrange
        var interval = BarInterval.Parse(name);
        var grid = Calendars.Grid();
        var clock = Clocks.At(2026, 12, 4, 12, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 3)], clock, grid);
        var from = Clocks.Et(2026, 12, 4, 0, 0);
        var to = Clocks.Et(2026, 12, 5, 0, 0);

        // act
        var minutes = await source.Bars("AAA", BarInterval.M1, from, to);
        var wider = await source.Bars("AAA", interval, from, to);

        // assert: 1h has 09:30 and 10:30 (ending 11:30), never the 11:30 bar ending 12:30
        Assert.All(wider, b => Assert.True(grid.EndOf(b, interval) <= clock.Now()));
        Assert.Equal(grid.ClosedRollup(minutes, interval, clock.Now()), wider);
    }
}
