using System.Net.Http.Json;
using Akka.Actor;
using Akka.Collector.Actors.Intervals;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Node;
using Akka.Collector.Node.Composition;
using Akka.Collector.Store;
using Akka.Collector.Vendors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Extensions;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>
/// A whole collector node in this process: real cluster, sharding, SQLite file, gateway on a
/// loopback port; the market clock is a fake that only the test moves. Rounds are observed
/// through the events the collectors publish, never by sleeping.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly bool _ownsDirectory;

    private TestNode(
        WebApplication app, FakeTimeProvider clock, string directory, bool ownsDirectory,
        RoundLog rounds, EventLog events)
    {
        Events = events;
        _app = app;
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        Clock = clock;
        Rounds = rounds;
        Http = new HttpClient
        {
            BaseAddress = new Uri(GatewayAddress(app)),
            Timeout = TimeSpan.FromSeconds(60)
        };
    }

    public FakeTimeProvider Clock { get; }

    public RoundLog Rounds { get; }

    /// <summary>Everything the node publishes: queue events, round reports.</summary>
    public EventLog Events { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public ICandleStore Store => Services.GetRequiredService<ICandleStore>();

    public ActorSystem System => Services.GetRequiredService<ActorSystem>();

    public Instant Now => Clock.GetUtcNow().ToInstant();

    /// <param name="startAt">Where the market clock starts.</param>
    /// <param name="symbols">The universe.</param>
    /// <param name="hocon">Extra collector settings for this test.</param>
    /// <param name="vendor">The vendor, built over the node's clock and grid; default
    /// synthetic.</param>
    /// <param name="directory">
    /// Where the SQLite file lives. Given: the caller owns it and it outlives the node, so a
    /// second node can start on the same file. Default: a fresh temp folder, deleted on dispose.
    /// </param>
    /// <param name="clock">
    /// The market clock, standing at <paramref name="startAt"/>, when the test shares it with
    /// something outside the node (a mock vendor). Default: a fake clock of the node's own.
    /// </param>
    public static async Task<TestNode> StartAsync(
        Instant startAt,
        IEnumerable<string> symbols,
        string hocon = "",
        Func<IServiceProvider, IBarSource>? vendor = null,
        string? directory = null,
        FakeTimeProvider? clock = null)
    {
        var ownsDirectory = directory is null;
        directory ??= Path.Combine(
            Path.GetTempPath(), "collector-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);

        clock ??= new FakeTimeProvider(startAt.ToDateTimeOffset());
        var config = $$"""
            collector {
              node { port = 0 }
              gateway { port = 0, stale-wait = 10s }
              store {
                sqlite-path = "{{Path.Combine(directory, "collector.db").Replace("\\", "/")}}"
              }
              universe { symbols = [{{string.Join(", ", symbols)}}] }
              vendor { batch-window = 5ms }
              collection {
                backfill-sessions {
                  1m = 2, 2m = 2, 5m = 2, 15m = 2, 30m = 2, 1h = 2, 2h = 2, 4h = 2, 1d = 5
                }
              }
            }
            akka.actor.serialize-messages = on
            akka.loglevel = WARNING
            {{hocon}}
            """;

        var app = CollectorNode.Build(
            [],
            // One fake for both clocks: vendor waits (Retry-After, backoff, the budget) move
            // only when the test moves time, as they did on the market clock.
            new NodeOverrides
            {
                Clock = clock, WallClock = clock, Vendor = vendor, Hocon = config,
            });

        var rounds = new RoundLog();
        await app.StartAsync();
        var system = app.Services.GetRequiredService<ActorSystem>();
        rounds.Attach(system);
        var events = EventLog.Attach(system);
        return new TestNode(app, clock, directory, ownsDirectory, rounds, events);
    }

    /// <summary>Waits for every interval's first round (the backfill) to finish.</summary>
    public async Task WaitForStartupRoundsAsync()
    {
        foreach (var interval in BarInterval.All)
            await Rounds.WaitAsync(
                r => r.Interval == interval && r.RoundId == 1, $"first {interval} round");

        await WaitForTimersAsync();
    }

    /// <summary>
    /// Waits until every collector has armed its next tick, so moving the clock cannot slip
    /// past a close that no timer is waiting for yet.
    /// </summary>
    public async Task WaitForTimersAsync()
    {
        var statuses = await StatusesAsync();
        foreach (var (interval, status) in statuses)
        {
            var armed = status;
            while (armed.NextTickAt is null || armed.NextTickAt <= Now)
                armed = await StatusOfAsync(interval);
        }
    }

    public async Task<IReadOnlyDictionary<BarInterval, IntervalProtocol.Status>> StatusesAsync()
    {
        var result = new Dictionary<BarInterval, IntervalProtocol.Status>();
        foreach (var interval in BarInterval.All)
            result[interval] = await StatusOfAsync(interval);
        return result;
    }

    public Task<IntervalProtocol.Status> StatusOfAsync(BarInterval interval) =>
        Services.GetRequiredService<IntervalDirectory>().For(interval)
            .Ask<IntervalProtocol.Status>(
                new IntervalProtocol.GetStatus(interval), TimeSpan.FromSeconds(30));

    /// <summary>Moves the market clock to an instant; timers due by then fire, in order.</summary>
    public void AdvanceTo(Instant t)
    {
        var delta = (t - Now).ToTimeSpan();
        if (delta > TimeSpan.Zero)
            Clock.Advance(delta);
    }

    public Task<T?> GetJsonAsync<T>(string path) => Http.GetFromJsonAsync<T>(path);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDirectory)
            return;

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool thread; the temp folder is cleaned by the OS later.
        }
    }

    private static string GatewayAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
}
