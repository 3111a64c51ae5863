using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.MockVendor.Data;
using Microsoft.AspNetCore.Http;
using NodaTime;
using NodaTime.Text;

namespace Akka.Collector.MockVendor.Alpaca;

/// <summary>
/// The query of GET /v2/stocks/bars, checked as Alpaca checks it: a bad parameter is a 422
/// with a message. <see cref="End"/> is inclusive, as Alpaca's is.
/// </summary>
internal sealed partial record AlpacaQuery(
    IReadOnlyList<Symbol> Symbols,
    VendorTimeframe Timeframe,
    Instant Start,
    Instant End,
    int Limit,
    string? PageToken,
    string Feed,
    string Adjustment)
{
    public const int MaxLimit = 10_000;
    public const int DefaultLimit = 1_000;

    /// <summary>Alpaca's free plan may not see SIP data younger than this.</summary>
    public static readonly Duration SipDelay = Duration.FromMinutes(15);

    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly string[] Feeds = ["iex", "sip"];
    private static readonly string[] Adjustments = ["raw", "split", "dividend", "all"];

    /// <summary>The symbols named, as written, for the request log.</summary>
    public static IReadOnlyList<string> SymbolsNamed(IQueryCollection query) =>
        query["symbols"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static AlpacaQuery? Parse(IQueryCollection query, Instant now, out string error)
    {
        error = "";
        var named = SymbolsNamed(query);
        if (named.Count == 0)
            return Fail("missing symbols", out error);

        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in named)
        {
            if (!Symbol.TryParse(text, out var symbol, out _))
                return Fail($"invalid symbol: {text}", out error);
            symbols.Add(symbol.Value);
        }

        if (ParseTimeframe(query["timeframe"].ToString()) is not { } timeframe)
            return Fail($"invalid timeframe: {query["timeframe"]}", out error);

        var feed = Text(query, "feed", "iex");
        if (!Feeds.Contains(feed))
            return Fail($"invalid feed: {feed}", out error);

        var adjustment = Text(query, "adjustment", "raw");
        if (!Adjustments.Contains(adjustment))
            return Fail($"invalid adjustment: {adjustment}", out error);

        // Alpaca's defaults: from the start of the current day to now, or to 15 minutes ago
        // for SIP on the free plan.
        var start = now.InZone(NewYork).Date.AtStartOfDayInZone(NewYork).ToInstant();
        var end = feed == "sip" ? now - SipDelay : now;
        if (!Time(query, "start", ref start) || !Time(query, "end", ref end))
            return Fail("invalid start or end: expected RFC-3339 or YYYY-MM-DD", out error);
        if (end < start)
            return Fail("end should not be before start", out error);

        var limit = DefaultLimit;
        var limitText = query["limit"].ToString();
        if (limitText.Length > 0
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit)
                || limit is < 1 or > MaxLimit))
        {
            return Fail($"invalid limit: must be between 1 and {MaxLimit}", out error);
        }

        var token = query["page_token"].ToString();
        return new AlpacaQuery(
            [.. symbols.Select(Symbol.Parse)], timeframe, start, end, limit,
            token.Length == 0 ? null : token, feed, adjustment);
    }

    private static AlpacaQuery? Fail(string message, out string error)
    {
        error = message;
        return null;
    }

    // 1Min..59Min, 1Hour..23Hour, 1Day, and the short aliases 1T, 1H, 1D.
    private static VendorTimeframe? ParseTimeframe(string text)
    {
        var match = TimeframePattern().Match(text);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture,
                out var amount))
        {
            return null;
        }

        return match.Groups[2].Value switch
        {
            "Min" or "T" when amount <= 59 => new VendorTimeframe(amount, TimeframeUnit.Minute),
            "Hour" or "H" when amount <= 23 => new VendorTimeframe(amount, TimeframeUnit.Hour),
            "Day" or "D" when amount == 1 => new VendorTimeframe(amount, TimeframeUnit.Day),
            _ => null,
        };
    }

    private static string Text(IQueryCollection query, string name, string fallback)
    {
        var text = query[name].ToString();
        return text.Length == 0 ? fallback : text;
    }

    // A bare date is taken as midnight New York, the market's day (an assumption of the mock).
    private static bool Time(IQueryCollection query, string name, ref Instant value)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
            return true;

        var time = OffsetDateTimePattern.Rfc3339.Parse(text);
        if (time.Success)
        {
            value = time.Value.ToInstant();
            return true;
        }

        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success)
            value = date.Value.AtStartOfDayInZone(NewYork).ToInstant();

        return date.Success;
    }

    [GeneratedRegex("^([1-9][0-9]{0,2})(Min|T|Hour|H|Day|D)$")]
    private static partial Regex TimeframePattern();
}
