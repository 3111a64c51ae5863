using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors;
using NodaTime;

namespace Akka.Collector.MockVendor.Data;

/// <summary>
/// Builds a vendor's timeframes from 1m bars the way vendors do, not the way the collector
/// does: minute and hour bars sit on the UTC clock (an hour bar starts at 14:00Z, not at the
/// 09:30 open), and a daily bar is stamped at midnight New York time.
/// </summary>
public static class VendorBars
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    /// <summary>Bars per symbol with starts in [from, to), oldest first; symbols without bars are
    /// absent.</summary>
    public static async Task<Dictionary<string, List<VendorBar>>> BuildAsync(
        IBarSource minutes,
        IReadOnlyList<Symbol> symbols,
        Instant from,
        Instant to,
        VendorTimeframe timeframe,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<VendorBar>>();
        if (symbols.Count == 0 || to <= from)
            return result;

        // A daily bar needs its whole day of minutes, whatever hour the range starts at.
        var fetchFrom = timeframe.Unit == TimeframeUnit.Day ? DayStart(from) : from;
        foreach (var chunk in symbols.Chunk(Math.Max(1, minutes.Limits.MaxSymbolsPerRequest)))
        {
            var batch = await minutes.FetchAsync(
                new BarRequest(chunk, BarInterval.M1, new TimeRange(fetchFrom, to)),
                cancellationToken);
            foreach (var symbol in chunk)
            {
                var bars = Bucket(batch.For(symbol), timeframe)
                    .Where(b => b.Start >= from && b.Start < to)
                    .ToList();
                if (bars.Count > 0)
                    result[symbol.Value] = bars;
            }
        }

        return result;
    }

    private static IEnumerable<VendorBar> Bucket(
        IReadOnlyList<Candle> minutes, VendorTimeframe timeframe)
    {
        foreach (var group in minutes
            .GroupBy(m => BucketStart(m.Start, timeframe))
            .OrderBy(g => g.Key))
        {
            var bars = group.OrderBy(m => m.Start).ToList();
            var volume = bars.Sum(b => b.Volume);
            var vwap = volume == 0
                ? bars[^1].Close
                : Math.Round(bars.Sum(b => (b.High + b.Low + b.Close) / 3 * b.Volume) / volume, 4);
            yield return new VendorBar(
                group.Key,
                bars[0].Open,
                bars.Max(b => b.High),
                bars.Min(b => b.Low),
                bars[^1].Close,
                volume,
                Math.Max(1, volume / 100),
                vwap);
        }
    }

    private static Instant BucketStart(Instant t, VendorTimeframe timeframe)
    {
        if (timeframe.Unit == TimeframeUnit.Day)
            return DayStart(t);

        var width = (long)timeframe.Width.TotalMilliseconds;
        var ms = t.ToUnixTimeMilliseconds();
        return Instant.FromUnixTimeMilliseconds(ms - Math.Abs(ms % width));
    }

    private static Instant DayStart(Instant t) =>
        t.InZone(NewYork).Date.AtStartOfDayInZone(NewYork).ToInstant();
}
