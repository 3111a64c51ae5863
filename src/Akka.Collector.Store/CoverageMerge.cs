using Akka.Collector.Domain.Alignment;

namespace Akka.Collector.Store;

/// <summary>
/// Joins covered ranges: overlapping or touching ranges ([a, b) and [b, c)) are one fetched
/// span. Writes already keep rows merged; reads join again so a row written by hand or by an
/// older build can never show up as a false gap.
/// </summary>
internal static class CoverageMerge
{
    /// <summary>Ranges ordered by start, with overlapping or touching ones joined.</summary>
    public static IReadOnlyList<TimeRange> Join(IEnumerable<CoverageRow> rows)
    {
        var merged = new List<TimeRange>();
        foreach (var row in rows.OrderBy(r => r.FromMs))
        {
            var next = new TimeRange(
                RowMapping.ToInstant(row.FromMs), RowMapping.ToInstant(row.ToMs));
            if (merged.Count > 0 && next.From <= merged[^1].To)
            {
                var last = merged[^1];
                merged[^1] = new TimeRange(last.From, last.To > next.To ? last.To : next.To);
                continue;
            }

            merged.Add(next);
        }

        return merged;
    }
}
