namespace Akka.Collector.Vendors.Polygon;

/// <summary>Where the Polygon (Massive) client finds the vendor and how it asks.</summary>
public sealed class PolygonOptions
{
    /// <summary>
    /// The API root. Default: https://api.polygon.io (api.massive.com serves the same).
    /// </summary>
    public Uri BaseAddress { get; init; } = new("https://api.polygon.io");

    /// <summary>
    /// The key, sent only as a bearer header, never in a URL. Required; no default.
    /// </summary>
    public string ApiKey { get; init; } = "";

    /// <summary>Split-adjusted bars. Default: true.</summary>
    public bool Adjusted { get; init; } = true;

    /// <summary>Symbols of one call fetched at once (one HTTP request each). Default: 4.</summary>
    public int MaxParallelRequests { get; init; } = 4;

    /// <summary>
    /// Pages one symbol may take before the reply is treated as malformed (a next_url chain
    /// that never ends). At 50000 base minutes a page, 100 pages are about fifty years of
    /// regular-hours minutes. Default: 100.
    /// </summary>
    public int MaxPages { get; init; } = 100;

    // The key must not reach a log through an options dump.
    public override string ToString() =>
        $"PolygonOptions {{ BaseAddress = {BaseAddress}, " +
        $"ApiKey = {(ApiKey.Length > 0 ? "***" : "(none)")}, Adjusted = {Adjusted}, " +
        $"MaxParallelRequests = {MaxParallelRequests}, MaxPages = {MaxPages} }}";
}
