namespace Akka.Collector.Actors.Hosting;

/// <summary>Registry key of this node's proxy to the gap filler singleton.</summary>
public sealed class GapFillerProxy;
