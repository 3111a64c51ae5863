using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Vendors.Polygon;

/// <summary>
/// What Polygon is asked for per interval. Polygon puts minute multiples on the clock from
/// the top of the hour, which is our session grid for widths that divide 30 minutes (09:30
/// is on every such boundary, and 390 and an early close's 210 minutes divide evenly). Its
/// hours start on the clock hour (10:00, not 09:30), so 1h/2h/4h are never asked: the
/// collector builds them from 30m bars. Its day bar is stamped at midnight New York and is
/// re-keyed to our daily slot.
/// <code>
/// ours  Polygon     ours  Polygon
/// 1m    1/minute    30m   30/minute
/// 2m    2/minute    1d    1/day
/// 5m    5/minute    1h, 2h, 4h   refused (RequestRejected)
/// 15m   15/minute
/// </code>
/// </summary>
internal static class PolygonIntervals
{
    public static readonly IReadOnlySet<BarInterval> Served = new HashSet<BarInterval>
    {
        BarInterval.M1, BarInterval.M2, BarInterval.M5, BarInterval.M15, BarInterval.M30,
        BarInterval.D1,
    };

    /// <summary>The <c>{multiplier}/{timespan}</c> path part; null when not served.</summary>
    public static string? PathOf(BarInterval interval) =>
        !Served.Contains(interval) ? null
        : interval.IsDaily ? "1/day"
        : $"{interval.Minutes}/minute";
}
