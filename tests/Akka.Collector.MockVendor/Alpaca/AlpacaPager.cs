using Akka.Collector.MockVendor.Data;
using Akka.Collector.Vendors;
using NodaTime;

namespace Akka.Collector.MockVendor.Alpaca;

/// <summary>One page: bars per symbol in symbol order, and where the next page starts.</summary>
internal sealed record AlpacaPageOfBars(
    List<(string Symbol, List<VendorBar> Bars)> Bars, AlpacaPageToken? Next)
{
    public int Count => Bars.Sum(s => s.Bars.Count);
}

/// <summary>
/// Cuts a request's bars into pages as Alpaca does: symbols in sorted order, the page size
/// counting bars across symbols, so a symbol may continue on the next page. Stateless: a
/// page is rebuilt from the token alone, and bars are built only as far as the page needs.
/// </summary>
internal static class AlpacaPager
{
    // Symbols built per step: enough to fill most pages in one go, few enough to stop early.
    private const int SymbolsPerStep = 16;

    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static async Task<AlpacaPageOfBars> PageAsync(
        IBarSource minutes, AlpacaQuery query, AlpacaPageToken? from, int pageSize,
        CancellationToken ct)
    {
        var page = new List<(string, List<VendorBar>)>();
        var count = 0;
        var symbols = query.Symbols
            .Where(s => from is null || string.CompareOrdinal(s.Value, from.Value.Symbol) >= 0)
            .ToList();

        foreach (var step in symbols.Chunk(SymbolsPerStep))
        {
            var built = await VendorBars.BuildAsync(
                minutes, step, query.Start, BuildUntil(query), query.Timeframe, ct);
            foreach (var symbol in step)
            {
                if (!built.TryGetValue(symbol.Value, out var bars))
                    continue;

                var served = new List<VendorBar>();
                foreach (var bar in bars.Where(b => b.Start <= query.End))
                {
                    if (from is { } f && f.Symbol == symbol.Value && bar.Start < f.Start)
                        continue;
                    if (count == pageSize)
                    {
                        AddIfAny(page, symbol.Value, served);
                        var next = new AlpacaPageToken(symbol.Value, bar.Start);
                        return new AlpacaPageOfBars(page, next);
                    }

                    served.Add(bar);
                    count++;
                }

                AddIfAny(page, symbol.Value, served);
            }
        }

        return new AlpacaPageOfBars(page, null);
    }

    // End is inclusive and filters bar starts, not minutes: the bar starting at End is whole.
    private static Instant BuildUntil(AlpacaQuery query) =>
        query.Timeframe.Unit == TimeframeUnit.Day
            ? query.End.InZone(NewYork).Date.PlusDays(1).AtStartOfDayInZone(NewYork).ToInstant()
            : query.End + query.Timeframe.Width;

    private static void AddIfAny(
        List<(string, List<VendorBar>)> page, string symbol, List<VendorBar> bars)
    {
        if (bars.Count > 0)
            page.Add((symbol, bars));
    }
}
