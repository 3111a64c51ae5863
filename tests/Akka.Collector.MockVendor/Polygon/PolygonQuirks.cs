namespace Akka.Collector.MockVendor.Polygon;

/// <summary>
/// How the mock's Polygon plan behaves, beyond the faults: settings a test turns on for a
/// whole scenario. They are traits of a plan or of the data, so MockFaults.Clear leaves them.
/// </summary>
public sealed class PolygonQuirks
{
    /// <summary>Replies say <c>"status":"DELAYED"</c>, as on a plan with delayed data.</summary>
    public bool Delayed { get; set; }

    /// <summary>
    /// Added to every bar's volume on the wire, as split-adjusted volumes carry fractions.
    /// Default 0: whole volumes.
    /// </summary>
    public decimal VolumeFraction { get; set; }

    /// <summary>
    /// Minute and hour replies also carry pre-market minutes 09:00-09:29 New York time (flat
    /// at the day's first open, 100 shares each), as Polygon includes extended hours. They
    /// count against the page limit like any base minute. Daily bars stay regular-hours.
    /// </summary>
    public bool ExtendedHours { get; set; }
}
