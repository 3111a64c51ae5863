namespace Akka.Collector.MockVendor.Polygon;

/// <summary>
/// One page of rows, cut the way Polygon cuts: rows are taken in sort order while their base
/// aggregates fit the limit, and a row that would only partly fit is left whole for the next
/// page (so 5/minute bars under limit 50000 give 10000 rows a page). A first row larger than
/// the limit is served anyway, so paging always moves on.
/// </summary>
/// <param name="Rows">The rows served, in sort order.</param>
/// <param name="BaseCount">Base aggregates under those rows (the reply's queryCount).</param>
/// <param name="Next">The first row left for the next page; null on the last page.</param>
internal sealed record PolygonPage(
    IReadOnlyList<PolygonAggregate> Rows, int BaseCount, PolygonAggregate? Next)
{
    /// <param name="ascending">Every row of the request, oldest first.</param>
    public static PolygonPage Take(IReadOnlyList<PolygonAggregate> ascending, bool descending,
        int limit)
    {
        var ordered = descending ? ascending.Reverse() : ascending;
        var rows = new List<PolygonAggregate>();
        var used = 0;
        foreach (var row in ordered)
        {
            if (rows.Count > 0 && used + row.BaseCount > limit)
                return new PolygonPage(rows, used, row);

            rows.Add(row);
            used += row.BaseCount;
        }

        return new PolygonPage(rows, used, null);
    }
}
