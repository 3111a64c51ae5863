using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Synthetic;
using Akka.Collector.Vendors.Tests.Support;

namespace Akka.Collector.Vendors.Tests.Synthetic;

public sealed class SyntheticDeterminismTests
{
    public static TheoryData<string> WiderThanOneMinute =>
        [.. BarInterval.All.Where(i => i != BarInterval.M1).Select(i => i.Name)];

    [Fact]
    public async Task Two_sources_give_identical_bars()
    {
        // arrange
        var from = Clocks.Et(2026, 11, 30, 0, 0);
        var to = Clocks.Et(2026, 12, 5, 0, 0);
        var first = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());
        var second = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());

        // act
        var a = await first.Bars("AAPL", BarInterval.M1, from, to);
        var b = await second.Bars("AAPL", BarInterval.M1, from, to);

        // assert
        Assert.True(a.Count > 5 * 380);
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task Pinned_values_do_not_change_between_processes_or_releases()
    {
        // A fixed answer: a hash that varied per process (string.GetHashCode) would fail here.
        var source = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());
        var from = Clocks.Et(2026, 12, 4, 9, 30);

        var bars = await source.Bars("AAPL", BarInterval.M1, from, from.PlusTicks(1));

        var bar = Assert.Single(bars);

        Assert.Equal("AAPL 2026-12-04T14:30:00Z 410.37 410.53 410.33 410.44 3133",
            $"AAPL {bar.Start} {bar.Open} {bar.High} {bar.Low} {bar.Close} {bar.Volume}");
    }

    [Fact]
    public async Task Split_fetches_give_the_same_minutes_as_one_fetch()
    {
        // arrange
        var source = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());
        var from = Clocks.Et(2026, 12, 3, 9, 30);
        var middle = Clocks.Et(2026, 12, 3, 12, 7);
        var to = Clocks.Et(2026, 12, 3, 16, 0);

        // act
        var whole = await source.Bars("MSFT", BarInterval.M1, from, to);
        var left = await source.Bars("MSFT", BarInterval.M1, from, middle);
        var right = await source.Bars("MSFT", BarInterval.M1, middle, to);

        // assert
        Assert.Equal(whole, left.Concat(right));
    }

    [Theory]
    [MemberData(nameof(WiderThanOneMinute))]
    public async Task Wider_bars_are_the_rollup_of_the_minutes(string name)
    {
        // arrange: includes the 13:00 early close of 2026-11-27
        var interval = BarInterval.Parse(name);
        var grid = Calendars.Grid();
        var clock = Clocks.At(2026, 12, 1, 12, 0);
        var source = new SyntheticBarSource(clock, grid);
        var from = Clocks.Et(2026, 11, 25, 0, 0);
        var to = Clocks.Et(2026, 12, 2, 0, 0);

        // act
        var minutes = await source.Bars("NVDA", BarInterval.M1, from, to);
        var wider = await source.Bars("NVDA", interval, from, to);

        // assert
        Assert.NotEmpty(wider);
        Assert.Equal(grid.ClosedRollup(minutes, interval, clock.Now()), wider);
    }
}
