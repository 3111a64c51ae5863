using Akka.Collector.Domain.Symbols;
using Akka.Collector.MockVendor.Data;
using Akka.Collector.Vendors;
using NodaTime;

namespace Akka.Collector.MockVendor.Polygon;

/// <summary>One result row and the base aggregates (minutes or days) it was built from.</summary>
internal sealed record PolygonAggregate(VendorBar Bar, int BaseCount);

/// <summary>
/// Builds Polygon's bars the way Polygon does: from its base aggregates (minute bars for
/// minute and hour timespans, daily bars for the rest), grouped by
/// <see cref="PolygonTimespan.BarStart"/>, each row remembering how many base aggregates
/// went into it so a page can honour <c>limit</c>.
/// </summary>
internal static class PolygonAggregates
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly LocalTime PreMarketStart = new(9, 0);
    private const int PreMarketMinutes = 30;

    /// <summary>Rows with starts in [query.From, query.To), oldest first.</summary>
    public static async Task<List<PolygonAggregate>> BuildAsync(
        IBarSource minutes, Symbol symbol, PolygonQuery query, PolygonQuirks quirks,
        CancellationToken cancellationToken)
    {
        var baseFrame = query.Timespan.IsMinuteBased
            ? new VendorTimeframe(1, TimeframeUnit.Minute)
            : new VendorTimeframe(1, TimeframeUnit.Day);
        var built = await VendorBars.BuildAsync(
            minutes, [symbol], query.From, query.To, baseFrame, cancellationToken);
        if (!built.TryGetValue(symbol.Value, out var bases))
            return [];

        if (quirks.ExtendedHours && query.Timespan.IsMinuteBased)
            bases = WithPreMarket(bases, query.From, query.To);

        return bases
            .GroupBy(b => query.Timespan.BarStart(b.Start))
            .OrderBy(g => g.Key)
            .Select(g => new PolygonAggregate(Roll(g.Key, [.. g.OrderBy(b => b.Start)]), g.Count()))
            .ToList();
    }

    // First open, highest high, lowest low, last close, summed volume and trades, and the
    // volume-weighted price of the parts.
    private static VendorBar Roll(Instant start, List<VendorBar> parts)
    {
        if (parts.Count == 1)
            return parts[0] with { Start = start };

        var volume = parts.Sum(p => p.Volume);
        var vwap = volume == 0
            ? parts[^1].Close
            : Math.Round(parts.Sum(p => p.Vwap * p.Volume) / volume, 4);
        return new VendorBar(start, parts[0].Open, parts.Max(p => p.High), parts.Min(p => p.Low),
            parts[^1].Close, volume, parts.Sum(p => p.Trades), vwap);
    }

    private static List<VendorBar> WithPreMarket(List<VendorBar> minutes, Instant from, Instant to)
    {
        var extra = new List<VendorBar>();
        foreach (var day in minutes.GroupBy(m => m.Start.InZone(NewYork).Date))
        {
            var open = day.First().Open;
            var first = day.Key.At(PreMarketStart).InZoneLeniently(NewYork).ToInstant();
            for (var i = 0; i < PreMarketMinutes; i++)
            {
                var t = first + Duration.FromMinutes(i);
                if (t >= from && t < to)
                    extra.Add(new VendorBar(t, open, open, open, open, 100, 1, open));
            }
        }

        return [.. minutes.Concat(extra).OrderBy(m => m.Start)];
    }
}
