using System.Globalization;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Vendors.Polygon;

/// <summary>
/// The <c>{multiplier}/{timespan}/{from}/{to}</c> part of a request for one range. Polygon's
/// <c>to</c> is inclusive and it widens both ends to whole bars, so an intraday range
/// [From, To) is sent as From and To - 1 ms in Unix milliseconds. A daily range is sent as
/// the New York dates of the first and last sessions whose open lies in it, since Polygon
/// stamps a day bar at midnight, before our daily slot starts.
/// </summary>
internal sealed record PolygonWindow(BarInterval Interval, TimeRange Range, string Path)
{
    /// <summary>Null when no session lies in the range: there is nothing to ask for.</summary>
    /// <exception cref="BarSourceException">
    /// RequestRejected: an interval Polygon cannot give on our grid, or a range the calendar
    /// does not cover (saying "no bars" there would record a gap as covered).
    /// </exception>
    public static PolygonWindow? For(BarRequest request, BarGrid grid, string vendor)
    {
        var timespan = PolygonIntervals.PathOf(request.Interval)
            ?? throw new BarSourceException(FailureKind.RequestRejected,
                $"{vendor}: interval {request.Interval} is not served; Polygon puts hour bars " +
                "on the clock, so the collector builds them from 30m bars");

        var range = request.Range;
        if (range.IsEmpty)
            return null;

        IReadOnlyList<TradingSession> sessions;
        try
        {
            sessions = grid.Calendar.SessionsOverlapping(range.From, range.To);
        }
        catch (CalendarOutOfRangeException e)
        {
            throw new BarSourceException(FailureKind.RequestRejected, $"{vendor}: {e.Message}", e);
        }

        if (request.Interval.IsDaily)
        {
            var days = sessions.Where(s => range.Contains(s.Open)).ToList();
            return days.Count == 0
                ? null
                : new PolygonWindow(request.Interval, range,
                    $"{timespan}/{Date(days[0])}/{Date(days[^1])}");
        }

        if (sessions.Count == 0)
            return null;

        var from = range.From.ToUnixTimeMilliseconds();
        var to = range.To.ToUnixTimeMilliseconds() - 1;
        return new PolygonWindow(request.Interval, range, string.Create(
            CultureInfo.InvariantCulture, $"{timespan}/{from}/{to}"));
    }

    private static string Date(TradingSession session) =>
        session.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
