using Akka.Collector.Node.Configuration;
using Akka.Collector.Store;
using Akka.Collector.Vendors;

namespace Akka.Collector.Node.Services;

/// <summary>
/// Creates or migrates the candle schema before the actor system starts (it is registered
/// first), which also switches the SQLite file to WAL before the journal opens it. Then it
/// claims the store for this node's data source: bars of one vendor are never served as
/// another's, so a file filled by the synthetic vendor stops a replay node at start.
/// </summary>
public sealed class StoreInitializer(
    ICandleStore store, IBarSource vendor, NodeSettings settings, ILogger<StoreInitializer> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);

        var source = SourceOf(vendor, settings);
        var owner = await store.ClaimSourceAsync(source, cancellationToken);
        if (owner != source)
        {
            throw new InvalidOperationException(
                $"the candle store {settings.SqlitePath} holds bars from '{owner}', " +
                "but this node " +
                $"collects from '{source}'; point collector.store.sqlite-path " +
                "(COLLECTOR_SQLITE_PATH) at another file, or delete this one to start afresh");
        }

        log.LogInformation("Candle store {Path} ready for {Source}", settings.SqlitePath, source);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string SourceOf(IBarSource vendor, NodeSettings settings)
    {
        if (vendor.Name != "replay")
            return vendor.Name;

        var files = settings.Vendor.ReplayFiles.Select(
            f => $"{f.Symbol}={Path.GetFileName(f.Path)}");
        var directory = settings.Vendor.ReplayDirectory is { } dir
            ? Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))
            : null;
        return "replay:" +
            string.Join(",", new[] { directory }.Concat(files).Where(p => p is not null));
    }
}
