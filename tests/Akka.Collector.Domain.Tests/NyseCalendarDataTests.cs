using NodaTime;

namespace Akka.Collector.Domain.Tests;

/// <summary>
/// Checks the embedded NYSE calendar two ways: against dates written out by hand from the
/// exchange's published 2024-2027 schedules, and against the rules those schedules follow
/// (nth-weekday holidays, Easter, weekend observance, early closes) for every covered year.
/// </summary>
public sealed class NyseCalendarDataTests
{
    public static TheoryData<int, int, int, string> Holidays2024To2027 => new()
    {
        { 2024, 1, 1, "New Year's Day" },
        { 2024, 1, 15, "Martin Luther King Jr. Day" },
        { 2024, 2, 19, "Washington's Birthday" },
        { 2024, 3, 29, "Good Friday" },
        { 2024, 5, 27, "Memorial Day" },
        { 2024, 6, 19, "Juneteenth" },
        { 2024, 7, 4, "Independence Day" },
        { 2024, 9, 2, "Labor Day" },
        { 2024, 11, 28, "Thanksgiving Day" },
        { 2024, 12, 25, "Christmas Day" },
        { 2025, 1, 1, "New Year's Day" },
        { 2025, 1, 9, "National Day of Mourning for President Carter" },
        { 2025, 1, 20, "Martin Luther King Jr. Day" },
        { 2025, 2, 17, "Washington's Birthday" },
        { 2025, 4, 18, "Good Friday" },
        { 2025, 5, 26, "Memorial Day" },
        { 2025, 6, 19, "Juneteenth" },
        { 2025, 7, 4, "Independence Day" },
        { 2025, 9, 1, "Labor Day" },
        { 2025, 11, 27, "Thanksgiving Day" },
        { 2025, 12, 25, "Christmas Day" },
        { 2026, 1, 1, "New Year's Day" },
        { 2026, 1, 19, "Martin Luther King Jr. Day" },
        { 2026, 2, 16, "Washington's Birthday" },
        { 2026, 4, 3, "Good Friday" },
        { 2026, 5, 25, "Memorial Day" },
        { 2026, 6, 19, "Juneteenth" },
        { 2026, 7, 3, "Independence Day (observed, July 4 is a Saturday)" },
        { 2026, 9, 7, "Labor Day" },
        { 2026, 11, 26, "Thanksgiving Day" },
        { 2026, 12, 25, "Christmas Day" },
        { 2027, 1, 1, "New Year's Day" },
        { 2027, 1, 18, "Martin Luther King Jr. Day" },
        { 2027, 2, 15, "Washington's Birthday" },
        { 2027, 3, 26, "Good Friday" },
        { 2027, 5, 31, "Memorial Day" },
        { 2027, 6, 18, "Juneteenth (observed, June 19 is a Saturday)" },
        { 2027, 7, 5, "Independence Day (observed, July 4 is a Sunday)" },
        { 2027, 9, 6, "Labor Day" },
        { 2027, 11, 25, "Thanksgiving Day" },
        { 2027, 12, 24, "Christmas Day (observed, December 25 is a Saturday)" },
    };

    public static TheoryData<int, int, int, string> EarlyCloses2024To2027 => new()
    {
        { 2024, 7, 3, "Day before Independence Day" },
        { 2024, 11, 29, "Day after Thanksgiving" },
        { 2024, 12, 24, "Christmas Eve" },
        { 2025, 7, 3, "Day before Independence Day" },
        { 2025, 11, 28, "Day after Thanksgiving" },
        { 2025, 12, 24, "Christmas Eve" },
        { 2026, 11, 27, "Day after Thanksgiving" },
        { 2026, 12, 24, "Christmas Eve" },
        { 2027, 11, 26, "Day after Thanksgiving" },
    };

    [Theory]
    [MemberData(nameof(Holidays2024To2027))]
    public void Should_close_the_market_on_each_published_2024_to_2027_closure(
        int year, int month, int day, string name)
    {
        // arrange
        var date = new LocalDate(year, month, day);

        // act
        var session = Nyse.Calendar.SessionOn(date);

        // assert
        Assert.True(session is null, $"{date} ({name}) should be closed");
        Assert.NotEqual(IsoDayOfWeek.Saturday, date.DayOfWeek);
        Assert.NotEqual(IsoDayOfWeek.Sunday, date.DayOfWeek);
    }

    [Theory]
    [MemberData(nameof(EarlyCloses2024To2027))]
    public void Should_close_at_1300_et_on_each_published_2024_to_2027_early_close(
        int year, int month, int day, string name)
    {
        // arrange
        var date = new LocalDate(year, month, day);

        // act
        var session = Nyse.Calendar.SessionOn(date);

        // assert
        Assert.True(session is not null, $"{date} ({name}) should be a session");
        Assert.True(session.IsEarlyClose, $"{date} ({name}) should close early");
        Assert.Equal(new LocalTime(9, 30), session.Open.InZone(Nyse.Calendar.Zone).TimeOfDay);
        Assert.Equal(new LocalTime(13, 0), session.Close.InZone(Nyse.Calendar.Zone).TimeOfDay);
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    public void Should_list_no_weekday_closure_beyond_the_published_ones(int year)
    {
        // arrange
        var expected = Holidays2024To2027
            .Select(row => new LocalDate((int)row[0], (int)row[1], (int)row[2]))
            .Where(d => d.Year == year);

        // act
        var closedWeekdays = WeekdaysOf(year).Where(d => !Nyse.Calendar.IsTradingDay(d));

        // assert
        Assert.Equal(expected, closedWeekdays);
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    public void Should_list_no_early_close_beyond_the_published_ones(int year)
    {
        // arrange
        var expected = EarlyCloses2024To2027
            .Select(row => new LocalDate((int)row[0], (int)row[1], (int)row[2]))
            .Where(d => d.Year == year);

        // act
        var early = Nyse.Calendar.Sessions
            .Where(s => s.Date.Year == year && s.IsEarlyClose)
            .Select(s => s.Date);

        // assert
        Assert.Equal(expected, early);
    }

    [Theory]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    public void Should_close_exactly_on_the_days_the_nyse_holiday_rules_give(int year)
    {
        // arrange
        var expected = RuleHolidays(year).ToHashSet();
        if (year == 2025)
            expected.Add(new LocalDate(2025, 1, 9)); // national day of mourning, a one-off

        // act
        var closed = WeekdaysOf(year).Where(d => !Nyse.Calendar.IsTradingDay(d));

        // assert
        Assert.Equal(expected.Order(), closed);
    }

    [Theory]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    public void Should_close_early_exactly_on_the_days_the_nyse_rules_give(int year)
    {
        // arrange
        var expected = RuleEarlyCloses(year).Order();

        // act
        var early = Nyse.Calendar.Sessions
            .Where(s => s.Date.Year == year && s.IsEarlyClose)
            .Select(s => s.Date);

        // assert
        Assert.Equal(expected, early);
    }

    [Theory]
    [InlineData(2021, 4, 4)]
    [InlineData(2022, 4, 17)]
    [InlineData(2023, 4, 9)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    public void Easter_computed_by_the_rule_matches_the_known_dates(int year, int month, int day)
    {
        // act
        var easter = EasterSunday(year);

        // assert
        Assert.Equal(new LocalDate(year, month, day), easter);
    }

    [Fact]
    public void Should_cover_2021_through_2027()
    {
        // act
        var calendar = Nyse.Calendar;

        // assert
        Assert.Equal(new LocalDate(2021, 1, 1), calendar.FirstDate);
        Assert.Equal(new LocalDate(2027, 12, 31), calendar.LastDate);
        Assert.Equal(DateTimeZoneProviders.Tzdb["America/New_York"], calendar.Zone);
    }

    [Fact]
    public void Should_hold_a_regular_0930_to_1600_et_session_on_every_other_weekday()
    {
        // arrange
        var zone = Nyse.Calendar.Zone;

        // act
        var regular = Nyse.Calendar.Sessions.Where(s => !s.IsEarlyClose).ToList();

        // assert
        Assert.All(regular, s =>
        {
            Assert.Equal(s.Date.At(new LocalTime(9, 30)), s.Open.InZone(zone).LocalDateTime);
            Assert.Equal(s.Date.At(new LocalTime(16, 0)), s.Close.InZone(zone).LocalDateTime);
            Assert.Equal(Duration.FromMinutes(390), s.Length);
        });
    }

    private static IEnumerable<LocalDate> WeekdaysOf(int year)
    {
        for (var d = new LocalDate(year, 1, 1); d.Year == year; d = d.PlusDays(1))
        {
            if (d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
                yield return d;
        }
    }

    // NYSE Rule 7.2: a Saturday holiday is kept on the Friday before and a Sunday one on the
    // Monday after, except New Year's Day on a Saturday, which is not made up at all.
    private static IEnumerable<LocalDate> RuleHolidays(int year)
    {
        var newYear = new LocalDate(year, 1, 1);
        if (newYear.DayOfWeek != IsoDayOfWeek.Saturday)
            yield return Observed(newYear);

        yield return NthWeekday(year, 1, IsoDayOfWeek.Monday, 3);
        yield return NthWeekday(year, 2, IsoDayOfWeek.Monday, 3);
        yield return EasterSunday(year).PlusDays(-2);
        yield return LastWeekday(year, 5, IsoDayOfWeek.Monday);
        if (year >= 2022)
            yield return Observed(new LocalDate(year, 6, 19));

        yield return Observed(new LocalDate(year, 7, 4));
        yield return NthWeekday(year, 9, IsoDayOfWeek.Monday, 1);
        yield return NthWeekday(year, 11, IsoDayOfWeek.Thursday, 4);
        yield return Observed(new LocalDate(year, 12, 25));
    }

    // 13:00 closes: the day after Thanksgiving; July 3 when July 4 falls Tuesday to Friday;
    // December 24 when it falls Monday to Thursday.
    private static IEnumerable<LocalDate> RuleEarlyCloses(int year)
    {
        yield return NthWeekday(year, 11, IsoDayOfWeek.Thursday, 4).PlusDays(1);

        var july4 = new LocalDate(year, 7, 4);
        if (july4.DayOfWeek is >= IsoDayOfWeek.Tuesday and <= IsoDayOfWeek.Friday)
            yield return july4.PlusDays(-1);

        var christmasEve = new LocalDate(year, 12, 24);
        if (christmasEve.DayOfWeek is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Thursday)
            yield return christmasEve;
    }

    private static LocalDate Observed(LocalDate holiday) => holiday.DayOfWeek switch
    {
        IsoDayOfWeek.Saturday => holiday.PlusDays(-1),
        IsoDayOfWeek.Sunday => holiday.PlusDays(1),
        _ => holiday,
    };

    private static LocalDate NthWeekday(int year, int month, IsoDayOfWeek day, int n)
    {
        var first = new LocalDate(year, month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.PlusDays(offset + 7 * (n - 1));
    }

    private static LocalDate LastWeekday(int year, int month, IsoDayOfWeek day)
    {
        var last = new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1);
        var back = ((int)last.DayOfWeek - (int)day + 7) % 7;
        return last.PlusDays(-back);
    }

    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    private static LocalDate EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new LocalDate(year, month, day);
    }
}
