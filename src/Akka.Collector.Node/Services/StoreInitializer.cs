using Akka.Collector.Store;

namespace Akka.Collector.Node.Services;

/// <summary>
/// Creates or migrates the candle schema before the actor system starts (it is registered
/// first), and switches the SQLite file to WAL before the journal opens it.
/// </summary>
public sealed class StoreInitializer(ICandleStore store, ILogger<StoreInitializer> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        log.LogInformation("Candle store ready");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
