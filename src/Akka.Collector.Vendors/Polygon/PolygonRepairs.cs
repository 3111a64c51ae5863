namespace Akka.Collector.Vendors.Polygon;

/// <summary>What the repair rules did to one page; see <see cref="PolygonBarKeeper"/>.</summary>
internal sealed class PolygonRepairs
{
    public int IdenticalDuplicates { get; set; }

    public int ConflictingDuplicates { get; set; }

    public int OutOfRange { get; set; }

    public int OffGrid { get; set; }

    public int OutsideSession { get; set; }

    public int Forming { get; set; }

    public int Inconsistent { get; set; }

    public int RoundedVolumes { get; set; }

    /// <summary>
    /// Repairs an operator should hear about. Extended hours, bars in progress and rounded
    /// volumes are how Polygon always answers, so they are counted but not called anomalies.
    /// </summary>
    public bool HasAnomalies =>
        IdenticalDuplicates + ConflictingDuplicates + OutOfRange + OffGrid + Inconsistent > 0;

    public override string ToString()
    {
        var parts = new List<string>();
        void Add(int count, string what)
        {
            if (count > 0)
                parts.Add($"{count} {what}");
        }

        Add(IdenticalDuplicates, "identical duplicate(s) collapsed");
        Add(ConflictingDuplicates, "conflicting duplicate(s), the later kept");
        Add(OutOfRange, "bar(s) outside the requested range dropped");
        Add(OffGrid, "bar(s) off the session grid dropped");
        Add(Inconsistent, "inconsistent bar(s) dropped");
        Add(OutsideSession, "bar(s) outside regular hours dropped");
        Add(Forming, "bar(s) still forming dropped");
        Add(RoundedVolumes, "fractional volume(s) rounded");
        return parts.Count == 0 ? "nothing repaired" : string.Join(", ", parts);
    }
}
