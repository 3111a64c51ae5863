using Akka.Actor;

namespace Akka.Collector.Actors.Budget;

/// <summary>What a node's <see cref="BudgetKeeper"/> is told. Local to the node: every node
/// has its own keeper and tells it itself.</summary>
public static class BudgetProtocol
{
    /// <summary>
    /// The universe now has this many symbols: recompute the capacity plan, the node's
    /// budget and the degraded intervals. Whoever changes the universe tells each node's
    /// keeper (found in the ActorRegistry under <see cref="BudgetKeeper"/>).
    /// </summary>
    public sealed record UniverseChanged(int Symbols) : INoSerializationVerificationNeeded;

    /// <summary>The plan the keeper applied, answered to <see cref="GetPlan"/>.</summary>
    public sealed record GetPlan : INoSerializationVerificationNeeded
    {
        public static readonly GetPlan Instance = new();
    }
}
