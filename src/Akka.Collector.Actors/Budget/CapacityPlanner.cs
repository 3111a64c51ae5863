using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Actors.Budget;

/// <summary>
/// The node's capacity plan as it stands, and what the next one is computed from. The
/// budget, the vendor's batch size and the degrade order are fixed for a node's life; the
/// universe size and the number of collector nodes sharing the budget change at runtime
/// (<see cref="BudgetKeeper"/> recomputes). Read from anywhere (the status API); written by
/// the keeper only.
/// </summary>
public sealed class CapacityPlanner
{
    private readonly int _maxSymbolsPerRequest;
    private readonly double _budgetPerMinute;
    private readonly IReadOnlyList<BarInterval> _degradeOrder;
    private readonly object _gate = new();
    private CapacityPlan _current;

    /// <param name="configuredNodes">
    /// Nodes assumed to share the budget until this node is an Up cluster member.
    /// </param>
    public CapacityPlanner(
        int symbols,
        int maxSymbolsPerRequest,
        double budgetPerMinute,
        int configuredNodes,
        IReadOnlyList<BarInterval> degradeOrder)
    {
        _maxSymbolsPerRequest = maxSymbolsPerRequest;
        _budgetPerMinute = budgetPerMinute;
        _degradeOrder = degradeOrder;
        ConfiguredNodes = Math.Max(1, configuredNodes);
        _current = Compute(symbols, ConfiguredNodes);
    }

    public int ConfiguredNodes { get; }

    public CapacityPlan Current => Volatile.Read(ref _current);

    /// <summary>The plan for a new universe size or node count (null: as now); it becomes
    /// <see cref="Current"/>.</summary>
    public CapacityPlan Recompute(int? symbols = null, int? nodes = null)
    {
        lock (_gate)
        {
            var now = Current;
            var next = Compute(symbols ?? now.Symbols, Math.Max(1, nodes ?? now.Nodes));
            Volatile.Write(ref _current, next);
            return next;
        }
    }

    private CapacityPlan Compute(int symbols, int nodes) => CapacityPlan.Compute(
        symbols, _maxSymbolsPerRequest, _budgetPerMinute, nodes, _degradeOrder);
}
