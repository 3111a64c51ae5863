using Akka.Actor;
using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Actors.Upstream;

/// <summary>
/// This node's upstream batchers, one per interval. Filled when the node's actors start, read
/// by the symbol entities this node hosts.
/// </summary>
public sealed class UpstreamDirectory
{
    private readonly Dictionary<BarInterval, IActorRef> _batchers = [];

    public void Register(BarInterval interval, IActorRef batcher) => _batchers[interval] = batcher;

    public IActorRef For(BarInterval interval) =>
        _batchers.TryGetValue(interval, out var batcher)
            ? batcher
            : throw new InvalidOperationException(
                $"no upstream batcher for {interval} on this node");
}
