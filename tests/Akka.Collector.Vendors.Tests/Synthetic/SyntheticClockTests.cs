using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Synthetic;
using Akka.Collector.Vendors.Tests.Support;

namespace Akka.Collector.Vendors.Tests.Synthetic;

public sealed class SyntheticClockTests
{
    public static TheoryData<string> Intervals => [.. BarInterval.All.Select(i => i.Name)];

    [Theory]
    [MemberData(nameof(Intervals))]
    public async Task Nothing_is_served_that_has_not_closed(string name)
    {
        // arrange: 12:07 ET, mid-session
        var interval = BarInterval.Parse(name);
        var grid = Calendars.Grid();
        var clock = Clocks.At(2026, 12, 4, 12, 7);
        var source = new SyntheticBarSource(clock, grid);

        // act: the range reaches far past now
        var bars = await source.Bars("AAPL", interval,
            Clocks.Et(2026, 12, 4, 0, 0), Clocks.Et(2026, 12, 12, 0, 0));

        // assert
        Assert.All(bars, b => Assert.True(grid.EndOf(b, interval) <= clock.Now()));
        if (interval == BarInterval.M1)
            Assert.Equal(Clocks.Et(2026, 12, 4, 12, 6), bars[^1].Start);
    }

    [Fact]
    public async Task A_new_minute_appears_when_the_clock_passes_its_end()
    {
        var clock = Clocks.At(2026, 12, 4, 12, 0);
        var source = new SyntheticBarSource(clock, Calendars.Grid());
        var from = Clocks.Et(2026, 12, 4, 11, 0);
        var to = Clocks.Et(2026, 12, 4, 13, 0);

        var before = await source.Bars("T", BarInterval.M5, from, to);
        clock.Advance(TimeSpan.FromMinutes(5));
        var after = await source.Bars("T", BarInterval.M5, from, to);

        Assert.Equal(12, before.Count);
        Assert.Equal(13, after.Count);
        Assert.Equal(before, after.Take(12));
    }

    [Theory]
    [MemberData(nameof(Intervals))]
    public async Task Bars_lie_in_regular_sessions_and_start_inside_the_range(string name)
    {
        // arrange: Thanksgiving week with its holiday, its early close and a weekend
        var interval = BarInterval.Parse(name);
        var grid = Calendars.Grid();
        var source = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), grid);
        var from = Clocks.Et(2026, 11, 24, 10, 10);
        var to = Clocks.Et(2026, 11, 30, 11, 0);

        // act
        var bars = await source.Bars("MSFT", interval, from, to);

        // assert
        Assert.NotEmpty(bars);
        Assert.All(bars, b =>
        {
            Assert.InRange(b.Start, from, to);
            Assert.NotEqual(to, b.Start);
            Assert.Equal(b.Start, grid.SlotContaining(b.Start, interval)?.Start);
        });
        Assert.DoesNotContain(bars, b => b.Start.InZone(Clocks.Eastern).Day is 26 or 28 or 29);
    }
}
