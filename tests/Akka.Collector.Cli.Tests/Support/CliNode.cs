using Akka.Actor;
using Akka.Collector.Node;
using Akka.Collector.Node.Composition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Akka.Collector.Cli.Tests.Support;

/// <summary>
/// A whole collector node in this process for collectorctl to talk to: real cluster,
/// sharding and SQLite file, the gateway on a loopback port, an admin token, and a market
/// clock that stands still at noon on a trading day (no test here moves it).
/// </summary>
public sealed class CliNode : IAsyncLifetime
{
    public const string Token = "cli-test-token-7d2e";

    public static readonly string[] Universe = ["AAPL", "MSFT", "SPY"];

    private readonly string _directory =
        Path.Combine(Path.GetTempPath(), "collector-cli-" + Guid.NewGuid().ToString("N"));

    private WebApplication _app = null!;

    public string Url { get; private set; } = "";

    public ActorSystem System => _app.Services.GetRequiredService<ActorSystem>();

    public string SelfAddress => Cluster.Cluster.Get(System).SelfAddress.ToString();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var database = Path.Combine(_directory, "collector.db").Replace("\\", "/");
        var config = $$"""
            collector {
              node { port = 0 }
              gateway { port = 0 }
              admin { token = "{{Token}}" }
              store { sqlite-path = "{{database}}" }
              universe { symbols = [{{string.Join(", ", Universe)}}] }
              # Little history, so the start-up rounds stay small on a shared machine.
              collection.backfill-sessions {
                1m = 1, 2m = 1, 5m = 1, 15m = 1, 30m = 1, 1h = 1, 2h = 1, 4h = 1, 1d = 1
              }
            }
            akka.loglevel = WARNING
            """;

        // Thursday 2026-12-03 17:00 UTC: 12:00 in New York, inside a regular session.
        var clock = new FakeTimeProvider(
            new DateTimeOffset(2026, 12, 3, 17, 0, 0, TimeSpan.Zero));
        _app = CollectorNode.Build([], new NodeOverrides { Clock = clock, Hocon = config });
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Cluster.Get(System).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool thread; the temp folder is cleaned by the OS later.
        }
    }
}
