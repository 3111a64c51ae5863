using Akka.Collector.Domain.Symbols;
using NodaTime;
using NodaTime.Text;

namespace Akka.Collector.Vendors.Alpaca;

/// <summary>The /v2/stocks/bars query for one page. It never carries a key.</summary>
internal static class AlpacaUrl
{
    /// <summary>Always Alpaca's maximum: fewer, fuller pages for the same bars.</summary>
    public const int PageLimit = 10_000;

    public static Uri Bars(
        AlpacaOptions options, IEnumerable<Symbol> symbols, string timeframe, AlpacaWindow window,
        string? pageToken)
    {
        // Commas are legal in a query; escaping each ticker keeps BRK.B and BF-B intact.
        var query = new List<string>
        {
            "symbols=" + string.Join(',', symbols.Select(s => Uri.EscapeDataString(s.Value))),
            "timeframe=" + timeframe,
            "start=" + Rfc3339(window.Start),
            "end=" + Rfc3339(window.End),
            "limit=" + PageLimit,
            "adjustment=" + Uri.EscapeDataString(options.Adjustment),
            "feed=" + Uri.EscapeDataString(options.Feed),
        };
        if (pageToken is not null)
            query.Add("page_token=" + Uri.EscapeDataString(pageToken));

        var root = options.BaseAddress.AbsoluteUri.TrimEnd('/');
        return new Uri($"{root}/v2/stocks/bars?{string.Join('&', query)}");
    }

    private static string Rfc3339(Instant t) => InstantPattern.General.Format(t);
}
