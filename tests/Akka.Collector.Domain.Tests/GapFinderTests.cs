using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

/// <summary>
/// Gap arithmetic: session time no fetched range covers, widened to whole bars; a night, a
/// weekend or a range fetched and empty is never a gap.
/// </summary>
public sealed class GapFinderTests
{
    private static readonly DateTimeZone Ny = DateTimeZoneProviders.Tzdb["America/New_York"];

    // Wed 2026-12-02 and Thu 2026-12-03, both full sessions 09:30-16:00 ET.
    private static readonly Instant WedOpen = Et(2, 9, 30);
    private static readonly Instant WedClose = Et(2, 16, 0);
    private static readonly Instant ThuOpen = Et(3, 9, 30);
    private static readonly Instant ThuClose = Et(3, 16, 0);

    [Fact]
    public void Fully_covered_sessions_and_the_night_between_have_no_gap()
    {
        var covered = new[] { new TimeRange(WedOpen, ThuClose) };

        var gaps = GapFinder.Find(
            Nyse.Grid, BarInterval.M5, new TimeRange(WedOpen, ThuClose), covered);

        Assert.Empty(gaps);
    }

    [Fact]
    public void Two_coverages_around_the_night_leave_no_gap_either()
    {
        // what a session's rounds record: the day, then the next day from its open
        var covered = new[] { new TimeRange(WedOpen, WedClose), new TimeRange(ThuOpen, ThuClose) };

        var gaps = GapFinder.Find(
            Nyse.Grid, BarInterval.M1, new TimeRange(WedOpen, ThuClose), covered);

        Assert.Empty(gaps);
    }

    [Fact]
    public void An_hour_missing_mid_session_is_one_gap_of_whole_bars()
    {
        // arrange: 11:02 to 12:07 was never fetched (a failed fetch records nothing)
        var covered = new[]
        {
            new TimeRange(WedOpen, Et(2, 11, 2)),
            new TimeRange(Et(2, 12, 7), WedClose),
        };

        // act
        var gaps = GapFinder.Find(
            Nyse.Grid, BarInterval.M15, new TimeRange(WedOpen, WedClose), covered);

        // assert: widened to the 15m bars holding it, 11:00 to 12:15
        Assert.Equal([new TimeRange(Et(2, 11, 0), Et(2, 12, 15))], gaps);
    }

    [Fact]
    public void A_session_never_fetched_is_a_gap_of_its_own_and_the_weekend_is_not()
    {
        // arrange: Fri 2026-12-04 missing between Thursday and Monday 2026-12-07
        var covered = new[]
        {
            new TimeRange(WedOpen, ThuClose),
            new TimeRange(Et(7, 9, 30), Et(7, 16, 0)),
        };

        // act
        var gaps = GapFinder.Find(
            Nyse.Grid, BarInterval.D1, new TimeRange(WedOpen, Et(7, 16, 0)), covered);

        // assert
        Assert.Equal([new TimeRange(Et(4, 9, 30), Et(4, 16, 0))], gaps);
    }

    [Fact]
    public void An_empty_window_has_no_gap()
    {
        Assert.Empty(GapFinder.Find(
            Nyse.Grid, BarInterval.M1, new TimeRange(WedOpen, WedOpen), []));
    }

    private static Instant Et(int day, int hour, int minute) =>
        new LocalDateTime(2026, 12, day, hour, minute).InZoneStrictly(Ny).ToInstant();
}
