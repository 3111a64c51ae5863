using Akka.Collector.MockVendor.Data;
using Akka.Collector.MockVendor.Faults;
using NodaTime;

namespace Akka.Collector.MockVendor.Alpaca;

/// <summary>
/// The broken pages of <see cref="MalformedKind"/>, made from a good one. Bar faults touch
/// the first symbol of the page; the body faults (truncated JSON, wrong types) are written
/// by <see cref="AlpacaJson"/>. What each does, so tests know what to expect:
/// outside range adds a bar one width before the start and one after the end; duplicates
/// repeat the first bar exactly and put a stale copy (other volume) before the second;
/// high below low swaps the first bar's high and low; off grid adds a copy of the first
/// bar 30 seconds later; a page loop hands out a token that serves its page and itself again.
/// </summary>
internal static class AlpacaMalformed
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static AlpacaPageOfBars Apply(
        AlpacaPageOfBars page, MalformedKind kind, AlpacaQuery query, AlpacaPageToken? from)
    {
        if (kind == MalformedKind.PageLoop)
        {
            var at = from ?? new AlpacaPageToken(query.Symbols[0].Value, query.Start);
            return page with { Next = at with { Loops = true } };
        }

        if (page.Bars.Count == 0)
            return page;

        var bars = page.Bars[0].Bars;
        switch (kind)
        {
            case MalformedKind.BarsOutsideRange:
                bars.Insert(0, bars[0] with { Start = Step(query.Start, query.Timeframe, -1) });
                bars.Add(bars[^1] with { Start = Step(query.End, query.Timeframe, +1) });
                break;
            case MalformedKind.DuplicateBars:
                if (bars.Count > 1)
                    bars.Insert(1, bars[1] with { Volume = bars[1].Volume + 7 });
                bars.Insert(1, bars[0]);
                break;
            case MalformedKind.HighBelowLow:
                var first = bars[0];
                bars[0] = first.High > first.Low
                    ? first with { High = first.Low, Low = first.High }
                    : first with { Low = first.High + 0.01m };
                break;
            case MalformedKind.OffGridStart:
                bars.Insert(1, bars[0] with { Start = bars[0].Start + Duration.FromSeconds(30) });
                break;
        }

        return page;
    }

    private static Instant Step(Instant t, VendorTimeframe timeframe, int sign) =>
        timeframe.Unit == TimeframeUnit.Day
            ? t.InZone(NewYork).Date.PlusDays(sign).AtStartOfDayInZone(NewYork).ToInstant()
            : t + timeframe.Width * sign;
}
