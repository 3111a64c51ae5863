namespace Akka.Collector.Actors.Hosting;

/// <summary>Registry key of the symbol shard region.</summary>
public sealed class SymbolRegion;
