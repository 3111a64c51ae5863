using NodaTime;

namespace Akka.Collector.MockVendor.Data;

/// <summary>A bar as vendors send it: start, OHLCV, trade count and volume-weighted
/// price.</summary>
public sealed record VendorBar(
    Instant Start, decimal Open, decimal High, decimal Low, decimal Close, long Volume, long Trades,
    decimal Vwap);
