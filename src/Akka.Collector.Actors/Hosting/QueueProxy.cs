namespace Akka.Collector.Actors.Hosting;

/// <summary>Registry key of this node's proxy to the collection queue singleton.</summary>
public sealed class QueueProxy;
