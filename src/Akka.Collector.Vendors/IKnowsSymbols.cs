using Akka.Collector.Domain.Symbols;

namespace Akka.Collector.Vendors;

/// <summary>A vendor that serves a fixed set of symbols (a replay of recorded files).</summary>
public interface IKnowsSymbols
{
    IReadOnlyList<Symbol> Symbols { get; }
}
