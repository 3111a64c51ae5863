using Akka.Collector.Domain.Alignment;
using Akka.Collector.Node.Configuration;
using Akka.Collector.Vendors;
using Akka.Collector.Vendors.Replay;
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
        if (settings.ReplayDirectory is null && settings.ReplayFiles.Count == 0)
        {
            throw NodeSettings.Bad("collector.vendor.replay", "(empty)",
                "a directory (COLLECTOR_REPLAY_DIR) or files to play when vendor.kind = replay");
        }

        var options = new ReplayOptions { Directory = settings.ReplayDirectory };
        options.Files.AddRange(settings.ReplayFiles.Select(f =>
            new ReplayFileOptions { Symbol = f.Symbol, Path = f.Path, Format = f.Format }));
        return ReplaySourceFactory.Create(options, clock, grid);
    }
}
