using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Vendors.Alpaca;

/// <summary>
/// Which Alpaca timeframe gives each of our intervals on the session grid. Alpaca cuts
/// minute bars on the UTC clock. The open (09:30 ET) and the closes (16:00, 13:00 ET) are
/// 13:30/14:30Z and 20:00/21:00Z (or 17:00/18:00Z), whole half hours in both EST and EDT,
/// so 1, 2, 5, 15 and 30-minute UTC bars start exactly on our slots and never mix
/// extended-hours minutes into a session bar. Hour bars start at 09:00 or 10:00 ET and the
/// first one holds pre-market trades, so 1h, 2h and 4h are never asked: the collector
/// fetches 30m and aggregates. A daily bar is stamped at midnight ET and re-keyed to the
/// session open of that date.
/// </summary>
public static class AlpacaTimeframes
{
    /// <summary>Our interval to Alpaca's timeframe; intervals absent here are refused.</summary>
    public static readonly IReadOnlyDictionary<BarInterval, string> ByInterval =
        new Dictionary<BarInterval, string>
        {
            [BarInterval.M1] = "1Min",
            [BarInterval.M2] = "2Min",
            [BarInterval.M5] = "5Min",
            [BarInterval.M15] = "15Min",
            [BarInterval.M30] = "30Min",
            [BarInterval.D1] = "1Day",
        };

    public static bool TryGet(BarInterval interval, out string timeframe) =>
        ByInterval.TryGetValue(interval, out timeframe!);
}
