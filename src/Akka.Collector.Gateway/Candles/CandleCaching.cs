using System.Security.Cryptography;
using System.Text.Json;
using Akka.Collector.Actors;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace Akka.Collector.Gateway.Candles;

/// <summary>
/// HTTP caching of chart answers. A 200 may be kept until the next bar of its interval closes
/// and its round has had the settle delay to run, since nothing it holds can change before
/// then; its ETag lets a client revalidate to a 304 after that. Every other answer (errors,
/// 503 while a fetch is in flight, 502/504) is no-store: it describes a moment, not data.
/// </summary>
internal static class CandleCaching
{
    public const string NoStore = "no-store";

    private static readonly JsonSerializerOptions HashJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The chart as a 200, or as a 304 with no body when the client's If-None-Match already
    /// names it. Both carry the ETag and the Cache-Control of the chart as it is now.
    /// </summary>
    public static IResult Answer(
        HttpContext http, CandleResponse chart, BarInterval interval, BarGrid grid,
        TimeProvider clock, CollectionSettings settings)
    {
        var tag = ETagOf(chart);

        // History on its way: the client polls for it in seconds, so nothing is kept.
        var maxAge = chart.History is { Pending: true }
            ? 0
            : MaxAge(chart, interval, grid, clock, settings);

        var headers = http.Response.GetTypedHeaders();
        headers.ETag = tag;
        headers.CacheControl = new CacheControlHeaderValue
        {
            Public = true,
            MaxAge = TimeSpan.FromSeconds(maxAge),
        };

        return Matches(http.Request, tag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Json(chart);
    }

    /// <summary>
    /// A weak ETag over everything the chart holds except its newest bar's age, which is
    /// "now" minus a bar end and so differs on every request. Two answers with the same tag
    /// hold the same bars, the same freshness and the same collected-up-to; they may differ in
    /// that age only, which is why the tag is weak (W/): a strong one would promise identical
    /// bytes. If-None-Match compares weakly anyway, so revalidation works the same.
    /// </summary>
    public static EntityTagHeaderValue ETagOf(CandleResponse chart)
    {
        var stable = chart with { NewestBarAgeSeconds = null };
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(stable, HashJson));
        return new EntityTagHeaderValue(
            $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"", isWeak: true);
    }

    /// <summary>
    /// Whole real seconds a fresh chart may be kept: until the next bar of its interval closes
    /// plus the settle delay (the market is closed: the next session's first close), or
    /// sooner if its last bar turns final before then. A stale chart: 0, it changes as soon
    /// as its fetch lands. On a fast demo clock the market span is converted to real time, as
    /// Retry-After is; rounded down, so a cache never keeps a chart past its change.
    /// </summary>
    public static int MaxAge(
        CandleResponse chart, BarInterval interval, BarGrid grid, TimeProvider clock,
        CollectionSettings settings)
    {
        if (!chart.Fresh)
            return 0;

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        Instant changes;
        try
        {
            // The same instant the interval's collector fires its next round at.
            changes = grid.NextClose(now - settings.SettleDelay, interval) + settings.SettleDelay;
        }
        catch (CalendarOutOfRangeException)
        {
            // No next close is known: the calendar ran out. Nothing to promise.
            return 0;
        }

        if (!chart.LastIsFinal && chart.NewestBarAgeSeconds is { } age)
        {
            // The last bar's end is now - age; its "final" flag turns at end + grace.
            var final = now - Duration.FromSeconds(age) + settings.FinalGrace;
            if (final < changes)
                changes = final;
        }

        var real = clock.ToRealTime((changes - now).ToTimeSpan());
        return real <= TimeSpan.Zero ? 0 : (int)Math.Floor(real.TotalSeconds);
    }

    // If-None-Match uses the weak comparison (RFC 9110 13.1.2); "*" matches any current chart.
    private static bool Matches(HttpRequest request, EntityTagHeaderValue tag)
    {
        var sent = request.GetTypedHeaders().IfNoneMatch;
        return sent.Any(t => t.Equals(EntityTagHeaderValue.Any)
                             || t.Compare(tag, useStrongComparison: false));
    }
}
