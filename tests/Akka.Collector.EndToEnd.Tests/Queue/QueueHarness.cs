using Akka.Actor;
using Akka.Collector.Actors.Hosting;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Collector.EndToEnd.Tests.Queue;

/// <summary>What the tests ask a node's collection queue, through its proxy.</summary>
public static class QueueHarness
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(10);

    public static async Task<IActorRef> QueueAsync(this TestNode node) =>
        await node.Services.GetRequiredService<IRequiredActor<QueueProxy>>().GetAsync();

    public static async Task<IReadOnlyList<Symbol>> UniverseAsync(this TestNode node)
    {
        var answer = await (await node.QueueAsync()).Ask<QueueProtocol.Universe>(
            new QueueProtocol.GetUniverse(0), Ask);
        return answer.Symbols ?? [];
    }

    public static async Task<QueueProtocol.QueueView> QueueViewAsync(this TestNode node) =>
        await (await node.QueueAsync()).Ask<QueueProtocol.QueueView>(
            new QueueProtocol.GetQueue(1000), Ask);
}
