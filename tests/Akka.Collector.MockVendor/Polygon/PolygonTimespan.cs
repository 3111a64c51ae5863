using System.Globalization;
using NodaTime;

namespace Akka.Collector.MockVendor.Polygon;

internal enum PolygonUnit
{
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// <summary>
/// A Polygon bar width (<c>5/minute</c>) and where its bars start: minutes and hours on the
/// UTC clock, days at midnight New York, weeks on Sunday, months, quarters and years on
/// their first day. Multiples count from the Unix epoch (1970-01-04, a Sunday, for weeks).
/// </summary>
internal readonly record struct PolygonTimespan(int Multiplier, PolygonUnit Unit)
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly LocalDate EpochDay = new(1970, 1, 1);
    private static readonly LocalDate EpochSunday = new(1970, 1, 4);

    /// <summary>
    /// Polygon builds minute and hour bars from minute aggregates and every wider bar from
    /// daily aggregates; <c>limit</c> counts these base aggregates, not result rows.
    /// </summary>
    public bool IsMinuteBased => Unit is PolygonUnit.Minute or PolygonUnit.Hour;

    public string Text => $"{Multiplier}/{Unit.ToString().ToLowerInvariant()}";

    public static bool TryParse(string multiplier, string timespan, out PolygonTimespan result,
        out string error)
    {
        result = default;
        error = "";
        if (!int.TryParse(multiplier, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || m < 1)
        {
            error = $"multiplier '{multiplier}' is not a positive whole number";
            return false;
        }

        PolygonUnit? unit = timespan switch
        {
            "minute" => PolygonUnit.Minute,
            "hour" => PolygonUnit.Hour,
            "day" => PolygonUnit.Day,
            "week" => PolygonUnit.Week,
            "month" => PolygonUnit.Month,
            "quarter" => PolygonUnit.Quarter,
            "year" => PolygonUnit.Year,
            _ => null,
        };
        if (unit is null)
        {
            error = timespan == "second"
                ? "timespan 'second' is not served: the mock holds minute data only"
                : $"timespan '{timespan}' is not one of minute, hour, day, week, month, " +
                  "quarter, year";
            return false;
        }

        result = new PolygonTimespan(m, unit.Value);
        return true;
    }

    /// <summary>The start of the bar holding t.</summary>
    public Instant BarStart(Instant t)
    {
        if (IsMinuteBased)
        {
            var width = (long)Multiplier * (Unit == PolygonUnit.Hour ? 3_600_000 : 60_000);
            var ms = t.ToUnixTimeMilliseconds();
            return Instant.FromUnixTimeMilliseconds(ms - Mod(ms, width));
        }

        var date = t.InZone(NewYork).Date;
        var start = Unit switch
        {
            PolygonUnit.Day => Steps(date, EpochDay, 1),
            PolygonUnit.Week => Steps(date, EpochSunday, 7),
            _ => MonthStart(date),
        };
        return start.AtStartOfDayInZone(NewYork).ToInstant();
    }

    /// <summary>The start of the bar after the one at <paramref name="barStart"/>.</summary>
    public Instant NextBarStart(Instant barStart)
    {
        if (IsMinuteBased)
            return barStart + Duration.FromMilliseconds(
                (long)Multiplier * (Unit == PolygonUnit.Hour ? 3_600_000 : 60_000));

        var date = barStart.InZone(NewYork).Date;
        var next = Unit switch
        {
            PolygonUnit.Day => date.PlusDays(Multiplier),
            PolygonUnit.Week => date.PlusWeeks(Multiplier),
            PolygonUnit.Month => date.PlusMonths(Multiplier),
            PolygonUnit.Quarter => date.PlusMonths(3 * Multiplier),
            _ => date.PlusYears(Multiplier),
        };
        return next.AtStartOfDayInZone(NewYork).ToInstant();
    }

    private LocalDate Steps(LocalDate date, LocalDate anchor, int unitDays)
    {
        var days = (long)Period.Between(anchor, date, PeriodUnits.Days).Days;
        var width = (long)unitDays * Multiplier;
        return anchor.PlusDays((int)(days - Mod(days, width)));
    }

    private LocalDate MonthStart(LocalDate date)
    {
        var months = Unit switch
        {
            PolygonUnit.Month => Multiplier,
            PolygonUnit.Quarter => 3 * Multiplier,
            _ => 12 * Multiplier,
        };
        var index = (date.Year - 1970) * 12L + date.Month - 1;
        var first = index - Mod(index, months);
        return EpochDay.PlusMonths((int)first);
    }

    private static long Mod(long value, long width) => ((value % width) + width) % width;

}
