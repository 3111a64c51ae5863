using Akka.Collector.Domain.Alignment;
using Akka.Collector.Node.Configuration;
using Akka.Collector.Vendors;
using Akka.Collector.Vendors.Synthetic;

namespace Akka.Collector.Node.Composition;

/// <summary>Builds the vendor that collector.vendor.kind names.</summary>
public static class VendorFactory
{
    public static IBarSource Create(VendorSettings settings, TimeProvider clock, BarGrid grid) =>
        settings.Kind switch
        {
            "synthetic" => new SyntheticBarSource(clock, grid),
            "replay" => CreateReplay(settings, clock, grid),
            _ => throw NodeSettings.Bad("collector.vendor.kind", settings.Kind, "synthetic or replay"),
        };

    private static IBarSource CreateReplay(VendorSettings settings, TimeProvider clock, BarGrid grid)
    {
        throw new NotSupportedException("replay wiring pending");
    }
}
