using Akka.Actor;
using Akka.Collector.Actors.Protocol;

namespace Akka.Collector.Actors.Tests.Support;

/// <summary>
/// Stands in for a shard region that hosts one entity per symbol and can hand them all off
/// the way a shard does in a rebalance: each entity is sent the hand-off stop message
/// (Akka's default, a PoisonPill) and forgotten, so the next message for its symbol starts
/// a new entity, as on the shard's new home. What was queued in a stopped entity, or stashed
/// by it, is lost, exactly as in a real hand-off.
/// </summary>
public sealed class HandOffRegion : ReceiveActor
{
    private readonly Func<string, Props> _entity;
    private readonly Dictionary<string, IActorRef> _entities = [];
    private readonly HashSet<IActorRef> _stopping = [];
    private IActorRef? _handOffAsker;
    private int _started;

    public HandOffRegion(Func<string, Props> entity)
    {
        _entity = entity;

        Receive<HandOffAll>(_ => HandOff());
        Receive<Terminated>(t => OnTerminated(t.ActorRef));
        Receive<IWithSymbol>(message => EntityFor(message.Symbol.Value).Forward(message));
    }

    public static Props Props(Func<string, Props> entity) =>
        Akka.Actor.Props.Create(() => new HandOffRegion(entity));

    private IActorRef EntityFor(string id)
    {
        if (_entities.TryGetValue(id, out var entity))
            return entity;

        // A name of its own each time: the stopped one may not have ended yet.
        entity = Context.Watch(Context.ActorOf(_entity(id), $"{id}-{++_started}"));
        _entities[id] = entity;
        return entity;
    }

    private void HandOff()
    {
        _handOffAsker = Sender;
        foreach (var entity in _entities.Values)
        {
            _stopping.Add(entity);
            entity.Tell(PoisonPill.Instance);
        }

        _entities.Clear();
        ReplyWhenStopped();
    }

    private void OnTerminated(IActorRef entity)
    {
        _stopping.Remove(entity);
        ReplyWhenStopped();
    }

    // As a shard reports ShardStopped: once every entity it stopped has ended.
    private void ReplyWhenStopped()
    {
        if (_stopping.Count > 0 || _handOffAsker is null)
            return;

        _handOffAsker.Tell(HandedOff.Instance);
        _handOffAsker = null;
    }

    /// <summary>Hand every entity off; answered with <see cref="HandedOff"/>.</summary>
    public sealed class HandOffAll
    {
        public static readonly HandOffAll Instance = new();
    }

    public sealed class HandedOff
    {
        public static readonly HandedOff Instance = new();
    }
}
