using Akka.Cluster.Sharding;
using Akka.Collector.Actors.Protocol;

namespace Akka.Collector.Actors.Symbols;

/// <summary>
/// Routes symbol messages by ticker. The library's extractor hashes the entity id with a
/// stable hash (not string.GetHashCode, which differs per process), so every node agrees.
/// </summary>
public sealed class SymbolMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => message switch
    {
        IWithSymbol m => m.Symbol.Value,
        _ => null,
    };
}
