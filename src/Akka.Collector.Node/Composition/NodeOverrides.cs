using Akka.Collector.Vendors;

namespace Akka.Collector.Node.Composition;

/// <summary>
/// What a test may swap in a node: the market clock (virtual time), the wall clock, the
/// vendor (a fault at the vendor edge) and extra HOCON. Production passes none.
/// </summary>
public sealed record NodeOverrides
{
    /// <summary>The market clock: which bars exist, rounds, settle delays.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>
    /// Real time: the vendor budget and every wait a vendor dictates (Retry-After, reset
    /// headers, backoff, the circuit's break). Default <see cref="TimeProvider.System"/>; a
    /// test on virtual time may pass the same fake as <see cref="Clock"/>.
    /// </summary>
    public TimeProvider WallClock { get; init; } = TimeProvider.System;

    public Func<IServiceProvider, IBarSource>? Vendor { get; init; }

    public string? Hocon { get; init; }
}
