using System.Globalization;

namespace Akka.Collector.Vendors.Http;

/// <summary>What vendors say in headers about when to come back and which request this
/// was.</summary>
public static class VendorHeaders
{
    /// <summary>
    /// The wait a reply asks for: Retry-After (seconds or a date), else a rate-limit reset
    /// header (X-RateLimit-Reset / X-Ratelimit-Reset as Unix seconds), else null. Dates are
    /// the vendor's real time, so <paramref name="wallClock"/> must be real time too.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage reply, TimeProvider wallClock)
    {
        var retry = reply.Headers.RetryAfter;
        if (retry?.Delta is { } delta)
            return delta;
        if (retry?.Date is { } date)
            return Positive(date - wallClock.GetUtcNow());

        if (reply.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(
                values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture,
                out var unix))
        {
            return Positive(DateTimeOffset.FromUnixTimeSeconds(unix) - wallClock.GetUtcNow());
        }

        return null;
    }

    /// <summary>The vendor's id for this request, for logs an operator can quote to the
    /// vendor.</summary>
    public static string? RequestId(HttpResponseMessage reply) =>
        reply.Headers.TryGetValues("X-Request-ID", out var ids) ? ids.FirstOrDefault() : null;

    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;
}
