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

    /// <summary>
    /// The vendor's "now": where a missing start or end defaults to, and what Alpaca's
    /// 15-minute SIP delay on the free plan is measured from. Use the clock the minute source
    /// runs on. Default: the system clock.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public string AlpacaKeyId { get; init; } = "mock-key-id";

    public string AlpacaSecretKey { get; init; } = "mock-secret";

    public string PolygonApiKey { get; init; } = "mock-polygon-key";
}
