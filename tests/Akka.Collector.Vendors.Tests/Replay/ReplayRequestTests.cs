using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Replay;
using Akka.Collector.Vendors.Tests.Support;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Replay;

public sealed class ReplayRequestTests
{
    [Fact]
    public async Task More_symbols_than_the_limit_are_rejected()
    {
        // arrange
        var clock = Clocks.At(2026, 12, 4, 17, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 1)], clock, Calendars.Grid(), 2);

        // act
        var error = await Assert.ThrowsAsync<BarSourceException>(() => source.Batch(
            ["AAA", "BBB", "CCC"], BarInterval.M1, Day(4), Day(5)));

        // assert
        Assert.Equal(FailureKind.RequestRejected, error.Kind);
        Assert.Contains("limit is 2", error.Message);
    }

    [Fact]
    public async Task A_range_the_calendar_does_not_cover_is_rejected()
    {
        var clock = Clocks.At(2026, 12, 4, 17, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 1)], clock, Calendars.Grid());

        var error = await Assert.ThrowsAsync<BarSourceException>(() => source.Batch(
            ["AAA"], BarInterval.D1, Clocks.Et(2016, 4, 15, 0, 0), Day(5)));

        Assert.Equal(FailureKind.RequestRejected, error.Kind);
        Assert.Contains("2016-04-15", error.Message);
    }

    [Fact]
    public async Task A_weekend_or_a_future_range_holds_no_bars()
    {
        var clock = Clocks.At(2026, 12, 4, 17, 0);
        var source = new ReplayBarSource([Recordings.Of("AAA", 1)], clock, Calendars.Grid());

        var weekend = await source.Batch(["AAA"], BarInterval.M1, Day(5), Day(7));
        var future = await source.Batch(["AAA"], BarInterval.M1, Day(7), Day(9));

        Assert.Empty(weekend.Bars);
        Assert.Empty(future.Bars);
    }

    [Fact]
    public void A_symbol_recorded_twice_or_with_no_sessions_is_refused()
    {
        var clock = Clocks.At(2026, 12, 4, 17, 0);

        var twice = Assert.Throws<ArgumentException>(() => new ReplayBarSource(
            [Recordings.Of("AAA", 1), Recordings.Of("AAA", 2)], clock, Calendars.Grid()));
        var empty = Assert.Throws<ArgumentException>(() => new ReplayBarSource(
            [Recordings.Of("AAA", 0)], clock, Calendars.Grid()));

        Assert.Contains("AAA is recorded more than once", twice.Message);
        Assert.Contains("AAA has no sessions", empty.Message);
    }

    [Fact]
    public void The_source_names_itself_and_serves_every_interval()
    {
        var source = new ReplayBarSource(
            [Recordings.Of("AAA", 1)], Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());

        Assert.Equal("replay", source.Name);
        Assert.Equal(100, source.Limits.MaxSymbolsPerRequest);
        Assert.True(source.Limits.Intervals.SetEquals(BarInterval.All));
    }

    private static Instant Day(int december) => Clocks.Et(2026, 12, december, 0, 0);
}
