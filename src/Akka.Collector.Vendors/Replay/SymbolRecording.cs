using Akka.Collector.Domain.Symbols;

namespace Akka.Collector.Vendors.Replay;

/// <summary>Everything recorded for one symbol; sessions in any order.</summary>
public sealed record SymbolRecording(Symbol Symbol, IReadOnlyList<RecordedSession> Sessions);
