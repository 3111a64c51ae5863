using Akka.Collector.Vendors;

namespace Akka.Collector.Node.Composition;

/// <summary>
/// What a test may swap in a node: the market clock (virtual time), the vendor (a fault at
/// the vendor edge) and extra HOCON. Production passes none.
/// </summary>
public sealed record NodeOverrides
{
    public TimeProvider? Clock { get; init; }

    public Func<IServiceProvider, IBarSource>? Vendor { get; init; }

    public string? Hocon { get; init; }
}
