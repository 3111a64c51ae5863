using Akka.Collector.MockVendor.Faults;
using NodaTime;

namespace Akka.Collector.MockVendor.Polygon;

/// <summary>
/// Breaks one reply the way <see cref="MalformedKind"/> says. The damage lands on the first
/// row of the page, so a test knows which bar to look for; a page without rows is sent as is
/// (except for the JSON faults and the page loop, which need no rows).
/// </summary>
internal static class PolygonMalformed
{
    // Far enough outside any requested range that no grid or session rule catches it first.
    private static readonly Duration OutsideBy = Duration.FromDays(7);

    /// <summary>The rows and next_url to send instead.</summary>
    /// <param name="selfUrl">This request's own URL without the key, for the page loop.</param>
    public static (List<PolygonRow> Rows, string? NextUrl) Apply(
        MalformedKind kind, List<PolygonRow> rows, string? nextUrl, PolygonQuery query,
        string selfUrl)
    {
        if (kind == MalformedKind.PageLoop)
            return (rows, selfUrl);
        if (rows.Count == 0)
            return (rows, nextUrl);

        var first = rows[0];
        var broken = new List<PolygonRow>(rows);
        switch (kind)
        {
            case MalformedKind.BarsOutsideRange:
                // Extra copies before and after the range; every real row is still there.
                broken.Insert(0, first with { T = Ms(query.From - OutsideBy) });
                broken.Add(rows[^1] with { T = Ms(query.To + OutsideBy) });
                break;
            case MalformedKind.DuplicateBars:
                // A conflicting copy before the true bar (the later one must win) and an
                // identical copy after it (one must be kept).
                broken.Insert(0, first with { V = first.V + 1 });
                broken.Insert(2, first);
                break;
            case MalformedKind.HighBelowLow:
                broken[0] = first with { H = first.L - 0.01m };
                break;
            case MalformedKind.OffGridStart:
                broken[0] = first with { T = first.T + 30_000 };
                break;
        }

        return (broken, nextUrl);
    }

    private static long Ms(Instant t) => t.ToUnixTimeMilliseconds();
}
