using Akka.Collector.Domain.Alignment;
using Akka.Collector.Node.Configuration;
using Akka.Collector.Vendors;
using Akka.Collector.Vendors.Alpaca;
using Akka.Collector.Vendors.Http;
using Akka.Collector.Vendors.Polygon;
using Akka.Collector.Vendors.Replay;
using Akka.Collector.Vendors.Synthetic;

namespace Akka.Collector.Node.Composition;

/// <summary>
/// Builds the vendor that collector.vendor.kind names. Two clocks: the market clock decides
/// which bars exist; the wall clock runs every wait the vendor dictates (Retry-After, reset
/// headers, backoff, the circuit's break, the attempt timeout).
/// </summary>
public static class VendorFactory
{
    public static IBarSource Create(
        VendorSettings settings, TimeProvider clock, TimeProvider wallClock, BarGrid grid,
        ILoggerFactory logs) =>
        settings.Kind switch
        {
            "synthetic" => new SyntheticBarSource(clock, grid),
            "replay" => CreateReplay(settings, clock, grid),
            "alpaca" => CreateAlpaca(
                settings, wallClock, grid, logs.CreateLogger("Vendor.Alpaca")),
            "polygon" => CreatePolygon(
                settings, clock, wallClock, grid, logs.CreateLogger("Vendor.Polygon")),
            _ => throw NodeSettings.Bad(
                "collector.vendor.kind", settings.Kind, string.Join(", ", VendorSettings.Kinds)),
        };

    private static IBarSource CreateReplay(
        VendorSettings settings, TimeProvider clock, BarGrid grid)
    {
        if (settings.ReplayDirectory is null && settings.ReplayFiles.Count == 0)
        {
            throw NodeSettings.Bad("collector.vendor.replay", "(empty)",
                "a directory (COLLECTOR_REPLAY_DIR) or files to play when vendor.kind = replay");
        }

        var options = new ReplayOptions { Directory = settings.ReplayDirectory };
        options.Files.AddRange(settings.ReplayFiles.Select(f =>
            new ReplayFileOptions { Symbol = f.Symbol, Path = f.Path, Format = f.Format }));
        try
        {
            return ReplaySourceFactory.Create(options, clock, grid);
        }
        catch (IOException e)
        {
            // Missing folder or file: say which settings point there.
            throw new InvalidOperationException(
                $"{e.Message}; set collector.vendor.replay.directory (COLLECTOR_REPLAY_DIR) " +
                "or collector.vendor.replay.files to recordings that exist");
        }
    }

    // Alpaca's client asks nothing of the market clock: the batcher drops forming bars.
    private static IBarSource CreateAlpaca(
        VendorSettings settings, TimeProvider wallClock, BarGrid grid, ILogger log)
    {
        var keys = VendorCredentials.Load(settings.SecretsFile);
        var options = new AlpacaOptions
        {
            BaseAddress = new Uri(settings.AlpacaBaseUrl),
            KeyId = keys.Require(VendorCredentials.AlpacaKeyIdVariable, "alpaca"),
            SecretKey = keys.Require(VendorCredentials.AlpacaSecretVariable, "alpaca"),
            Feed = settings.AlpacaFeed,
            Adjustment = settings.AlpacaAdjustment,
        };

        return new AlpacaBarSource(
            Http(), options, grid, wallClock, new VendorResilienceOptions(), issues =>
                log.LogWarning(
                    "Alpaca replies needed {Repairs} repairs (requests {RequestIds}): {Issues}",
                    issues.Repairs, string.Join(", ", issues.RequestIds), issues));
    }

    private static IBarSource CreatePolygon(
        VendorSettings settings, TimeProvider clock, TimeProvider wallClock, BarGrid grid,
        ILogger log)
    {
        var keys = VendorCredentials.Load(settings.SecretsFile);
        var options = new PolygonOptions
        {
            BaseAddress = new Uri(settings.PolygonBaseUrl),
            ApiKey = keys.Require(VendorCredentials.PolygonKeyVariable, "polygon"),
        };

        return new PolygonBarSource(Http(), options, grid, clock, new VendorResilienceOptions(),
            message => log.LogWarning("Polygon: {Message}", message), wallClock);
    }

    // One client per vendor for the node's life; connections are recycled so DNS changes land.
    // An idle connection outlives the minute between two 1m rounds (the handler's default
    // idle timeout is that minute, so each round could pay a new TCP and TLS handshake); a
    // connection the vendor closed meanwhile is noticed by the handler and replaced.
    private static HttpClient Http() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        MaxConnectionsPerServer = 32,
    })
    {
        // The resilience pipeline times each attempt; the batcher bounds the whole call.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
