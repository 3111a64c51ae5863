using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using NodaTime;
using NodaTime.Text;

namespace Akka.Collector.MockVendor.Polygon;

/// <summary>
/// One aggregates request as Polygon reads it. <c>from</c> and <c>to</c> are a date
/// (YYYY-MM-DD, New York) or Unix milliseconds; both are snapped outward to whole bars (from
/// to the start of its bar, to to the end of its bar), and a date <c>to</c> takes its whole
/// day. A <c>cursor</c> (from a next_url) carries limit, sort and adjusted, and wins over the
/// query string.
/// </summary>
internal sealed record PolygonQuery(
    string Ticker,
    PolygonTimespan Timespan,
    string FromText,
    string ToText,
    Instant From,
    Instant To,
    bool Adjusted,
    bool Descending,
    int Limit,
    string? Cursor)
{
    public const int MaxLimit = 50_000;
    public const int DefaultLimit = 5_000;

    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static PolygonQuery? Parse(HttpContext http, out string error)
    {
        var route = http.Request.RouteValues;
        string Route(string name) => route[name]?.ToString() ?? "";
        var query = http.Request.Query;
        var cursor = NonEmpty(query["cursor"]);

        var settings = cursor is null ? query : ReadCursor(cursor);
        if (settings is null)
        {
            error = "cursor is not one this server issued";
            return null;
        }

        var multiplier = Route("multiplier");
        if (!PolygonTimespan.TryParse(multiplier, Route("timespan"), out var span, out error))
            return null;
        if (!TryTime(Route("from"), isEnd: false, out var from)
            || !TryTime(Route("to"), isEnd: true, out var to))
        {
            error = "Could not parse the time parameter: 'from' and 'to' take YYYY-MM-DD or " +
                    "Unix milliseconds";
            return null;
        }

        if (!TryBool(settings["adjusted"], true, out var adjusted))
        {
            error = "adjusted must be true or false";
            return null;
        }

        var sort = NonEmpty(settings["sort"]) ?? "asc";
        if (sort is not ("asc" or "desc"))
        {
            error = "sort must be asc or desc";
            return null;
        }

        if (!TryLimit(settings["limit"], out var limit))
        {
            error = $"limit must be a whole number from 1 to {MaxLimit}";
            return null;
        }

        // Snapped outward: the first bar holding from, through the end of the bar holding to.
        var start = span.BarStart(from);
        var end = span.NextBarStart(span.BarStart(to));
        if (end <= start)
        {
            error = "from is after to";
            return null;
        }

        return new PolygonQuery(Route("ticker"), span, Route("from"), Route("to"), start, end,
            adjusted, sort == "desc", limit, cursor);
    }

    /// <summary>The opaque cursor a next_url carries: this request's settings.</summary>
    public string NextCursor()
    {
        var sort = Descending ? "desc" : "asc";
        var adjusted = Adjusted ? "true" : "false";
        return WebEncoders.Base64UrlEncode(
            Encoding.UTF8.GetBytes($"limit={Limit}&sort={sort}&adjusted={adjusted}"));
    }

    private static IQueryCollection? ReadCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            return new QueryCollection(QueryHelpers.ParseQuery("?" + text));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool TryTime(string text, bool isEnd, out Instant t)
    {
        t = default;
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                || ms > Instant.MaxValue.ToUnixTimeMilliseconds())
                return false;
            t = Instant.FromUnixTimeMilliseconds(ms);
            return true;
        }

        var date = LocalDatePattern.Iso.Parse(text);
        if (!date.Success)
            return false;

        // A date "to" is inclusive: it reaches the last millisecond of that New York day.
        var day = isEnd ? date.Value.PlusDays(1) : date.Value;
        t = day.AtStartOfDayInZone(NewYork).ToInstant();
        if (isEnd)
            t -= Duration.FromMilliseconds(1);
        return true;
    }

    private static bool TryBool(string? text, bool fallback, out bool value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || bool.TryParse(text, out value);
    }

    private static bool TryLimit(string? text, out int limit)
    {
        limit = DefaultLimit;
        if (string.IsNullOrEmpty(text))
            return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit)
            || limit < 1)
            return false;

        // Polygon quietly caps a larger limit at its maximum.
        limit = Math.Min(limit, MaxLimit);
        return true;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
