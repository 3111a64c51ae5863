using Akka.Collector.Domain.Alignment;
using NodaTime;

namespace Akka.Collector.Vendors.Alpaca;

/// <summary>
/// What one fetch asks of Alpaca for a range of ours, and so which bar stamps a reply may
/// hold. Alpaca's <c>start</c> and <c>end</c> are both inclusive and in whole seconds here.
/// Intraday: the range cut to its sessions (no pre-market or after-hours pages for a range
/// that begins at midnight), ending one second before the exclusive end, which is exact
/// because bars start on whole minutes. Daily: the midnight-ET stamps of the first and last
/// session whose open lies in the range; a daily bar belongs if its date lies between them.
/// </summary>
internal sealed record AlpacaWindow(Instant Start, Instant End, DateInterval? Days)
{
    public bool IsDaily => Days is not null;

    /// <summary>Null when no session touches the range: nothing to ask.</summary>
    /// <exception cref="Domain.Calendar.CalendarOutOfRangeException">
    /// The range reaches past the calendar.
    /// </exception>
    public static AlpacaWindow? For(BarRequest request, BarGrid grid)
    {
        var (from, to) = (request.Range.From, request.Range.To);
        var sessions = grid.Calendar.SessionsOverlapping(from, to);
        if (request.Interval.IsDaily)
        {
            var opening = sessions.Where(s => s.Open >= from && s.Open < to).ToList();
            if (opening.Count == 0)
                return null;

            var (first, last) = (opening[0].Date, opening[^1].Date);
            var zone = grid.Calendar.Zone;
            return new AlpacaWindow(
                first.AtStartOfDayInZone(zone).ToInstant(),
                last.AtStartOfDayInZone(zone).ToInstant(),
                new DateInterval(first, last));
        }

        if (sessions.Count == 0)
            return null;

        var start = CeilingSecond(Max(from, sessions[0].Open));
        var end = FloorSecond(Min(to, sessions[^1].Close) - Duration.Epsilon);
        return end < start ? null : new AlpacaWindow(start, end, Days: null);
    }

    /// <summary>Whether an intraday stamp lies inside what was asked (ends inclusive).</summary>
    public bool Holds(Instant stamp) => stamp >= Start && stamp <= End;

    /// <summary>
    /// Whether a daily bar's date was asked. By date, not stamp: 05:00Z is midnight in winter
    /// but 01:00 in summer, and both mean that date.
    /// </summary>
    public bool Holds(LocalDate day) => Days!.Contains(day);

    // Unix ticks are truncated towards the start of time, so this floors before 1970 too.
    private static Instant FloorSecond(Instant t)
    {
        var ticks = t.ToUnixTimeTicks();
        var seconds = ticks / NodaConstants.TicksPerSecond;
        if (ticks % NodaConstants.TicksPerSecond < 0)
            seconds--;
        return Instant.FromUnixTimeSeconds(seconds);
    }

    private static Instant CeilingSecond(Instant t)
    {
        var floor = FloorSecond(t);
        return floor == t ? t : floor + Duration.FromSeconds(1);
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
