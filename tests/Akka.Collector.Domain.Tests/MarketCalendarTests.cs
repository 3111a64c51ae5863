using Akka.Collector.Domain.Calendar;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class MarketCalendarTests
{
    private static readonly MarketCalendar Calendar = Nyse.Calendar;

    [Fact]
    public void Should_treat_every_saturday_and_sunday_as_closed()
    {
        // arrange
        var weekends = new List<LocalDate>();
        for (var d = Calendar.FirstDate; d <= Calendar.LastDate; d = d.PlusDays(1))
        {
            if (d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
                weekends.Add(d);
        }

        // act
        var open = weekends.Where(Calendar.IsTradingDay).ToList();

        // assert
        Assert.True(weekends.Count > 700);
        Assert.Empty(open);
    }

    [Fact]
    public void Should_be_closed_on_2025_01_09_for_the_national_day_of_mourning()
    {
        // act
        var session = Calendar.SessionOn(new LocalDate(2025, 1, 9));

        // assert
        Assert.Null(session);
        Assert.True(Calendar.IsTradingDay(new LocalDate(2025, 1, 8)));
        Assert.True(Calendar.IsTradingDay(new LocalDate(2025, 1, 10)));
    }

    [Theory]
    [InlineData(2020, 12, 31)]
    [InlineData(2020, 1, 2)]
    [InlineData(2028, 1, 1)]
    [InlineData(2028, 1, 3)]
    public void Should_throw_out_of_range_for_a_date_outside_the_data(int y, int m, int d)
    {
        // arrange
        var date = new LocalDate(y, m, d);

        // act
        var e = Assert.Throws<CalendarOutOfRangeException>(() => Calendar.SessionOn(date));

        // assert
        Assert.Equal(date, e.Date);
        Assert.Contains("2021-01-01 to 2027-12-31", e.Message);
        Assert.Contains(date.ToString("yyyy-MM-dd", null), e.Message);
    }

    [Theory]
    [InlineData(2028, 1, 3, true)]
    [InlineData(2030, 6, 1, true)]
    [InlineData(2020, 12, 31, false)]
    [InlineData(2015, 1, 1, false)]
    public void Should_advise_a_newer_calendar_file_only_for_a_date_past_the_data(
        int y, int m, int d, bool pastTheEnd)
    {
        // arrange
        var date = new LocalDate(y, m, d);

        // act
        var e = Assert.Throws<CalendarOutOfRangeException>(() => Calendar.SessionOn(date));

        // assert: a newer file cannot help a date before the data, so it is not advised there
        Assert.Equal(pastTheEnd, e.IsPastTheEnd);
        Assert.Equal(pastTheEnd, e.Message.Contains("install a newer calendar file"));
        Assert.Contains(pastTheEnd ? "is after it" : "is before it", e.Message);
        Assert.Equal((Calendar.FirstDate, Calendar.LastDate), (e.First, e.Last));
    }

    [Fact]
    public void Should_never_treat_an_uncovered_weekday_as_open()
    {
        // arrange: Monday 2028-01-03 10:00 ET, a weekday past the data
        var t = Instant.FromUtc(2028, 1, 3, 15, 0);

        // act and assert
        Assert.Throws<CalendarOutOfRangeException>(
            () => Calendar.IsTradingDay(new LocalDate(2028, 1, 3)));
        Assert.Throws<CalendarOutOfRangeException>(() => Calendar.SessionAt(t));
        Assert.Throws<CalendarOutOfRangeException>(() => Calendar.LastClosedSession(t));
        Assert.Throws<CalendarOutOfRangeException>(() => Calendar.CurrentOrLastSession(t));
        Assert.Throws<CalendarOutOfRangeException>(
            () => Calendar.NextSessionOpeningAtOrAfter(t));
    }

    [Fact]
    public void Should_throw_out_of_range_when_no_session_has_closed_yet()
    {
        // arrange: 2021-01-04 is the first session (January 1 is a holiday); 08:00 ET
        var t = Instant.FromUtc(2021, 1, 4, 13, 0);

        // act and assert
        Assert.Throws<CalendarOutOfRangeException>(() => Calendar.LastClosedSession(t));
    }

    [Fact]
    public void Should_throw_out_of_range_when_no_session_opens_before_the_data_ends()
    {
        // arrange: Friday 2027-12-31, after the close
        var t = Instant.FromUtc(2027, 12, 31, 22, 0);

        // act and assert
        Assert.Throws<CalendarOutOfRangeException>(
            () => Calendar.NextSessionOpeningAtOrAfter(t));
        Assert.Throws<CalendarOutOfRangeException>(
            () => Calendar.SessionAfter(Calendar.Sessions[^1]));
    }

    [Theory]
    [InlineData(2026, 3, 6, 14, 30, 21)] // Friday before DST starts: EST, UTC-5
    [InlineData(2026, 3, 9, 13, 30, 20)] // Monday after DST starts: EDT, UTC-4
    [InlineData(2026, 10, 30, 13, 30, 20)] // Friday before DST ends: EDT
    [InlineData(2026, 11, 2, 14, 30, 21)] // Monday after DST ends: EST
    [InlineData(2026, 1, 13, 14, 30, 21)]
    [InlineData(2026, 7, 14, 13, 30, 20)]
    public void Should_place_open_and_close_in_utc_by_the_new_york_offset_of_the_day(
        int y, int m, int d, int openHour, int openMinute, int closeHour)
    {
        // act
        var session = Calendar.SessionOn(new LocalDate(y, m, d));

        // assert
        Assert.NotNull(session);
        Assert.Equal(Instant.FromUtc(y, m, d, openHour, openMinute), session.Open);
        Assert.Equal(Instant.FromUtc(y, m, d, closeHour, 0), session.Close);
        Assert.False(session.IsEarlyClose);
        Assert.Equal(Duration.FromMinutes(390), session.Length);
    }

    [Theory]
    [InlineData(2026, 11, 27, 14, 18)] // day after Thanksgiving, EST
    [InlineData(2026, 12, 24, 14, 18)] // Christmas Eve, EST
    [InlineData(2024, 7, 3, 13, 17)] // day before Independence Day, EDT
    [InlineData(2025, 7, 3, 13, 17)]
    public void Should_close_an_early_close_session_at_1300_et(
        int y, int m, int d, int openHour, int closeHour)
    {
        // act
        var session = Calendar.SessionOn(new LocalDate(y, m, d));

        // assert
        Assert.NotNull(session);
        Assert.True(session.IsEarlyClose);
        Assert.Equal(Instant.FromUtc(y, m, d, openHour, 30), session.Open);
        Assert.Equal(Instant.FromUtc(y, m, d, closeHour, 0), session.Close);
        Assert.Equal(Duration.FromMinutes(210), session.Length);
    }

    [Fact]
    public void Should_find_the_session_in_progress_only_between_open_and_close()
    {
        // arrange: Tuesday 2026-03-10, 13:30Z to 20:00Z
        var open = Instant.FromUtc(2026, 3, 10, 13, 30);
        var close = Instant.FromUtc(2026, 3, 10, 20, 0);

        // act and assert
        Assert.Null(Calendar.SessionAt(open - Duration.Epsilon));
        Assert.Equal(open, Calendar.SessionAt(open)?.Open);
        Assert.Equal(open, Calendar.SessionAt(close - Duration.Epsilon)?.Open);
        Assert.Null(Calendar.SessionAt(close));
        Assert.Null(Calendar.SessionAt(Instant.FromUtc(2026, 3, 14, 16, 0)));
        Assert.Null(Calendar.SessionAt(Instant.FromUtc(2026, 4, 3, 16, 0)));
    }

    [Fact]
    public void Should_name_the_date_of_an_instant_in_new_york()
    {
        // arrange: 02:00Z on March 11 is 22:00 ET on March 10
        var t = Instant.FromUtc(2026, 3, 11, 2, 0);

        // act
        var date = Calendar.DateOf(t);

        // assert
        Assert.Equal(new LocalDate(2026, 3, 10), date);
    }

    [Fact]
    public void Should_count_a_session_as_closed_from_its_close_instant_on()
    {
        // arrange
        var session = Calendar.SessionOn(new LocalDate(2026, 3, 10))!;

        // act
        var atClose = Calendar.LastClosedSession(session.Close);
        var justBefore = Calendar.LastClosedSession(session.Close - Duration.Epsilon);

        // assert
        Assert.Equal(session, atClose);
        Assert.Equal(new LocalDate(2026, 3, 9), justBefore.Date);
    }

    [Theory]
    [InlineData(2026, 3, 14, 16, 0, 2026, 3, 13)] // Saturday -> Friday
    [InlineData(2026, 3, 16, 13, 0, 2026, 3, 13)] // Monday pre-open -> Friday
    [InlineData(2026, 4, 6, 13, 0, 2026, 4, 2)] // Monday after Good Friday -> Thursday
    [InlineData(2026, 3, 8, 12, 0, 2026, 3, 6)] // DST Sunday -> Friday
    [InlineData(2026, 11, 1, 6, 30, 2026, 10, 30)] // 01:30 ET, the repeated hour
    [InlineData(2025, 1, 9, 16, 0, 2025, 1, 8)] // day of mourning -> day before
    public void Should_find_the_last_closed_session_across_closed_days(
        int y, int m, int d, int h, int min, int ey, int em, int ed)
    {
        // arrange
        var t = Instant.FromUtc(y, m, d, h, min);

        // act
        var session = Calendar.LastClosedSession(t);

        // assert
        Assert.Equal(new LocalDate(ey, em, ed), session.Date);
    }

    [Fact]
    public void Should_prefer_the_session_in_progress_over_the_last_closed_one()
    {
        // arrange
        var during = Instant.FromUtc(2026, 3, 10, 15, 0);
        var before = Instant.FromUtc(2026, 3, 10, 12, 0);

        // act
        var current = Calendar.CurrentOrLastSession(during);
        var last = Calendar.CurrentOrLastSession(before);

        // assert
        Assert.Equal(new LocalDate(2026, 3, 10), current.Date);
        Assert.Equal(new LocalDate(2026, 3, 9), last.Date);
    }

    [Fact]
    public void Should_find_the_next_session_opening_at_or_after_an_instant()
    {
        // arrange
        var open = Instant.FromUtc(2026, 4, 2, 13, 30);

        // act
        var atOpen = Calendar.NextSessionOpeningAtOrAfter(open);
        var afterOpen = Calendar.NextSessionOpeningAtOrAfter(open + Duration.Epsilon);
        var weekend = Calendar.NextSessionOpeningAtOrAfter(Instant.FromUtc(2026, 3, 7, 12, 0));

        // assert
        Assert.Equal(new LocalDate(2026, 4, 2), atOpen.Date);
        Assert.Equal(new LocalDate(2026, 4, 6), afterOpen.Date); // Good Friday skipped
        Assert.Equal(Instant.FromUtc(2026, 3, 9, 13, 30), weekend.Open); // already EDT
    }

    [Fact]
    public void Should_step_sessions_backwards_and_forwards_over_closed_days()
    {
        // arrange: Monday 2026-04-06, after Good Friday
        var monday = Calendar.SessionOn(new LocalDate(2026, 4, 6))!;

        // act
        var previous = Calendar.SessionsBefore(monday, 1);
        var sameOne = Calendar.SessionsBefore(monday, 0);
        var fiveBack = Calendar.SessionsBefore(monday, 5);
        var next = Calendar.SessionAfter(previous);

        // assert
        Assert.Equal(new LocalDate(2026, 4, 2), previous.Date);
        Assert.Equal(monday, sameOne);
        Assert.Equal(new LocalDate(2026, 3, 27), fiveBack.Date);
        Assert.Equal(monday, next);
    }

    [Fact]
    public void Should_throw_out_of_range_when_stepping_back_before_the_data()
    {
        // arrange
        var first = Calendar.Sessions[0];

        // act and assert
        Assert.Equal(new LocalDate(2021, 1, 4), first.Date);
        Assert.Throws<CalendarOutOfRangeException>(() => Calendar.SessionsBefore(first, 1));
    }

    [Fact]
    public void Should_reject_a_session_that_is_not_one_of_this_calendar()
    {
        // arrange: a Saturday "session"
        var stranger = new TradingSession(
            new LocalDate(2026, 3, 14),
            Instant.FromUtc(2026, 3, 14, 13, 30),
            Instant.FromUtc(2026, 3, 14, 20, 0),
            false);

        // act and assert
        Assert.Throws<ArgumentException>(() => Calendar.SessionsBefore(stranger, 1));
        Assert.Throws<ArgumentException>(() => Calendar.SessionAfter(stranger));
    }

    [Fact]
    public void Should_list_sessions_overlapping_a_range_oldest_first()
    {
        // arrange: Thursday 2026-04-02 15:00 ET to Tuesday 2026-04-07 10:00 ET
        var from = Instant.FromUtc(2026, 4, 2, 19, 0);
        var to = Instant.FromUtc(2026, 4, 7, 14, 0);

        // act
        var sessions = Calendar.SessionsOverlapping(from, to).Select(s => s.Date);

        // assert
        Assert.Equal(
            [new LocalDate(2026, 4, 2), new LocalDate(2026, 4, 6), new LocalDate(2026, 4, 7)],
            sessions);
    }

    [Fact]
    public void Should_leave_out_sessions_that_only_touch_the_range_ends()
    {
        // arrange: from the close of 03-09 to the open of 03-11
        var from = Instant.FromUtc(2026, 3, 9, 20, 0);
        var to = Instant.FromUtc(2026, 3, 11, 13, 30);

        // act
        var sessions = Calendar.SessionsOverlapping(from, to).Select(s => s.Date);

        // assert
        Assert.Equal([new LocalDate(2026, 3, 10)], sessions);
    }

    [Fact]
    public void Should_accept_a_range_ending_at_midnight_after_the_last_covered_date()
    {
        // arrange: the exclusive end 2028-01-01 00:00 ET asks nothing about 2028
        var from = Instant.FromUtc(2027, 12, 31, 0, 0);
        var to = Instant.FromUtc(2028, 1, 1, 5, 0);

        // act
        var sessions = Calendar.SessionsOverlapping(from, to);

        // assert
        Assert.Equal([new LocalDate(2027, 12, 31)], sessions.Select(s => s.Date));
    }

    [Fact]
    public void Should_throw_out_of_range_for_a_range_reaching_past_the_data()
    {
        // arrange
        var from = Instant.FromUtc(2027, 12, 31, 0, 0);
        var to = Instant.FromUtc(2028, 1, 1, 5, 1);

        // act and assert
        Assert.Throws<CalendarOutOfRangeException>(() => Calendar.SessionsOverlapping(from, to));
    }

    [Fact]
    public void Should_count_the_days_of_data_left()
    {
        // arrange
        var t = Instant.FromUtc(2027, 12, 1, 15, 0);

        // act
        var left = Calendar.DaysOfDataLeft(t);

        // assert
        Assert.Equal(30, left);
    }

    [Fact]
    public void Should_hold_sessions_in_strictly_increasing_order()
    {
        // act
        var sessions = Calendar.Sessions;

        // assert
        for (var i = 1; i < sessions.Count; i++)
        {
            Assert.True(sessions[i - 1].Close < sessions[i].Open);
            Assert.True(sessions[i - 1].Date < sessions[i].Date);
        }
    }

    [Fact]
    public void Should_refuse_to_build_a_calendar_that_ends_before_it_starts()
    {
        // arrange
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];

        // act and assert
        Assert.Throws<ArgumentException>(() => new MarketCalendar(
            zone,
            new LocalDate(2026, 2, 1),
            new LocalDate(2026, 1, 1),
            new LocalTime(9, 30),
            new LocalTime(16, 0),
            new Dictionary<LocalDate, string>(),
            new Dictionary<LocalDate, LocalTime>()));
    }
}
