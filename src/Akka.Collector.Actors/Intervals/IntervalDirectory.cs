using Akka.Actor;
using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Actors.Intervals;

/// <summary>Proxies to the interval collector singletons, wherever in the cluster they
/// run.</summary>
public sealed class IntervalDirectory
{
    private readonly Dictionary<BarInterval, IActorRef> _proxies = [];

    public void Register(BarInterval interval, IActorRef proxy) => _proxies[interval] = proxy;

    public IActorRef For(BarInterval interval) =>
        _proxies.TryGetValue(interval, out var proxy)
            ? proxy
            : throw new InvalidOperationException(
                $"no collector proxy for {interval} on this node");

    public IReadOnlyDictionary<BarInterval, IActorRef> All => _proxies;
}
