using Akka.Collector.Vendors;

namespace Akka.Collector.MockVendor;

/// <summary>What the mock vendor serves and which keys it accepts.</summary>
public sealed class MockVendorOptions
{
    /// <summary>
    /// Where the bars come from: asked for 1m bars only (synthetic or replay, on the same
    /// clock as the test); the mock builds every vendor timeframe from them as a vendor would.
    /// </summary>
    public required IBarSource Minutes { get; init; }

    public string AlpacaKeyId { get; init; } = "mock-key-id";

    public string AlpacaSecretKey { get; init; } = "mock-secret";

    public string PolygonApiKey { get; init; } = "mock-polygon-key";
}
