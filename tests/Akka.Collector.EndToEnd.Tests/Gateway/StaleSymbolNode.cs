using Akka.Actor;
using Akka.Collector.Actors.Hosting;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// A node whose vendor gates one symbol outside the universe. Rounds never collect that
/// symbol, so once the clock passes a bar close only a chart request can fetch it: its 5m data
/// is stale on demand, and the test decides when that fetch may answer.
/// </summary>
public sealed class StaleSymbolNode : IAsyncDisposable
{
    public const string Chart = "/api/v1/candles/ZZZZ?interval=5m";

    public static readonly Symbol Symbol = Symbol.Parse("ZZZZ");

    /// <summary>12:05:05, once the 12:05 rounds ran; ZZZZ's 5m data still ends at 12:00.</summary>
    public static readonly Instant StaleAt = NoonNode.Noon + Duration.FromSeconds(305);

    /// <summary>ZZZZ's newest 5m bar while stale (11:55), and the one a fetch adds.</summary>
    public static readonly Instant StoredBar = NoonNode.Noon - Duration.FromMinutes(5);

    public static readonly Instant NewBar = NoonNode.Noon;

    private StaleSymbolNode(TestNode node, GateVendor gate)
    {
        Node = node;
        Gate = gate;
    }

    public TestNode Node { get; }

    public GateVendor Gate { get; }

    /// <param name="staleWait">collector.gateway.stale-wait, e.g. "20s" or "300ms".</param>
    public static async Task<StaleSymbolNode> StartAsync(string staleWait)
    {
        GateVendor? gate = null;
        var node = await TestNode.StartAsync(
            NoonNode.Noon + Duration.FromSeconds(40),
            NoonNode.Universe,
            hocon: $"collector.gateway.stale-wait = {staleWait}",
            vendor: sp => gate = new GateVendor(Synthetic.For(sp), Symbol));
        await node.WaitForStartupRoundsAsync();

        // ZZZZ's entity backfills it up to 12:00, as a first chart request would.
        var stale = new StaleSymbolNode(node, gate!);
        await stale.WaitCollectedAsync(NoonNode.Noon);

        // 12:05 closes and its rounds collect the universe only.
        node.AdvanceTo(StaleAt);
        await node.Rounds.WaitAsync(
            r => r.Interval == BarInterval.M5 && r.UpTo == NewBar + Duration.FromMinutes(5),
            "5m round up to 12:05");
        return stale;
    }

    /// <summary>
    /// Asks ZZZZ's entity itself to collect its 5m bars up to a bar end (12:05 by default)
    /// and waits for its answer: at once when they are there, else when its fetch is stored.
    /// </summary>
    public async Task WaitCollectedAsync(Instant? upTo = null)
    {
        var region = await Node.Services.GetRequiredService<IRequiredActor<SymbolRegion>>()
            .GetAsync();
        upTo ??= NewBar + Duration.FromMinutes(5);
        var answer = await region.Ask<ICollectorMessage>(
            new SymbolProtocol.Collect(Symbol, BarInterval.M5, upTo.Value, RoundId: 0),
            TimeSpan.FromSeconds(30));
        if (answer is not SymbolProtocol.Collected)
            throw new InvalidOperationException($"ZZZZ was not collected: {answer}");
    }

    public ValueTask DisposeAsync()
    {
        Gate.Open();
        return Node.DisposeAsync();
    }
}
