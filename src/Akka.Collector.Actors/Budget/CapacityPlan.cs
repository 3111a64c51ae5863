using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Actors.Budget;

/// <summary>
/// What the universe costs against the vendor's request budget, and what gives way when the
/// budget is short. Steady state is counted: each interval's rounds per minute of session,
/// times the requests one round needs (⌈symbols / batch⌉ × pages). When the sum exceeds this
/// node's share of the budget, intervals are degraded in the declared order (their scheduled
/// rounds stop; charts still collect them on demand) until the rest fits. Nothing falls
/// behind silently: the plan is logged at start and shown by the status API.
/// </summary>
public sealed record CapacityPlan(
    double BudgetPerMinute,
    double NeededPerMinute,
    IReadOnlyDictionary<BarInterval, double> NeedPerInterval,
    IReadOnlyList<BarInterval> Degraded)
{
    public bool IsUnlimited => double.IsPositiveInfinity(BudgetPerMinute);

    /// <summary>Symbols of the universe the plan was computed for.</summary>
    public int Symbols { get; init; }

    /// <summary>Collector nodes the budget was shared among.</summary>
    public int Nodes { get; init; } = 1;

    public double Shortfall => Math.Max(0, NeededPerMinute - BudgetPerMinute);

    public double PlannedPerMinute => NeedPerInterval
        .Where(kv => !Degraded.Contains(kv.Key))
        .Sum(kv => kv.Value);

    /// <summary>Part of the budget kept for on-demand fetches of degraded intervals.</summary>
    public const double OnDemandShare = 0.1;

    /// <summary>This node's requests per minute reserved for one interval.</summary>
    public double ReservedFor(BarInterval interval)
    {
        if (IsUnlimited)
            return double.PositiveInfinity;

        // Degraded intervals share a tenth of the budget for charts that ask for them.
        if (Degraded.Contains(interval))
            return BudgetPerMinute * OnDemandShare / Degraded.Count;

        // The rest is shared in proportion to need, so each interval keeps headroom for
        // catch-up and backfill in the same ratio as its rounds.
        var planned = PlannedPerMinute;
        var forRounds = Degraded.Count == 0
            ? BudgetPerMinute
            : BudgetPerMinute * (1 - OnDemandShare);
        return planned == 0 ? 0 : forRounds * NeedPerInterval[interval] / planned;
    }

    /// <param name="symbols">Universe size.</param>
    /// <param name="maxSymbolsPerRequest">The vendor's batch size.</param>
    /// <param name="budgetPerMinute">The vendor's budget for the whole cluster; 0 = none.</param>
    /// <param name="nodes">Collector nodes sharing that budget.</param>
    /// <param name="degradeOrder">Intervals to give up first, in order.</param>
    public static CapacityPlan Compute(
        int symbols,
        int maxSymbolsPerRequest,
        double budgetPerMinute,
        int nodes,
        IReadOnlyList<BarInterval> degradeOrder,
        double pagesPerRequest = 1)
    {
        var requestsPerRound =
            Math.Ceiling(symbols / (double)Math.Max(1, maxSymbolsPerRequest)) * pagesPerRequest;
        var need = BarInterval.All.ToDictionary(i => i, i => RoundsPerMinute(i) * requestsPerRound);
        var needed = need.Values.Sum();

        if (budgetPerMinute <= 0)
        {
            return new CapacityPlan(double.PositiveInfinity, needed, need, [])
            {
                Symbols = symbols,
                Nodes = Math.Max(1, nodes),
            };
        }

        var share = budgetPerMinute / Math.Max(1, nodes);
        var degraded = new List<BarInterval>();
        var planned = needed;
        foreach (var interval in degradeOrder)
        {
            // Once anything is degraded, rounds get only what on-demand fetches leave them.
            var forRounds = degraded.Count == 0 && planned <= share
                ? share
                : share * (1 - OnDemandShare);
            if (planned <= forRounds)
                break;
            degraded.Add(interval);
            planned -= need[interval];
        }

        return new CapacityPlan(share, needed, need, degraded)
        {
            Symbols = symbols,
            Nodes = Math.Max(1, nodes),
        };
    }

    /// <summary>
    /// One line for an operator: what the universe costs, against what, and what gives.
    /// </summary>
    public string Describe(string vendor) =>
        IsUnlimited
            ? $"Vendor {vendor}: no request budget set; the universe of {Symbols} symbols " +
              $"needs {NeededPerMinute:0.#} requests/min"
            : Degraded.Count == 0
                ? $"Vendor {vendor}: the universe of {Symbols} symbols needs " +
                  $"{NeededPerMinute:0.#} of this node's {BudgetPerMinute:0.#} requests/min " +
                  $"({Nodes} collector node(s) share the budget)"
                : $"Vendor {vendor}: the universe of {Symbols} symbols needs " +
                  $"{NeededPerMinute:0.#} requests/min but this node's budget is " +
                  $"{BudgetPerMinute:0.#} ({Nodes} collector node(s) share it; short by " +
                  $"{Shortfall:0.#}); scheduled rounds of {string.Join(", ", Degraded)} are " +
                  "off and those intervals are collected on demand only. Raise " +
                  "collector.vendor.budget.requests-per-minute or shrink the universe";

    /// <summary>Rounds per minute of session: one per bar; 1d once per 390-minute
    /// session. Known shortcoming: minutes of market time; a demo clock at speed s runs s
    /// times as many rounds per real minute, which the wall-clock budget then throttles.
    /// </summary>
    public static double RoundsPerMinute(BarInterval interval) =>
        interval.IsDaily ? 1.0 / 390 : 1.0 / interval.Minutes;
}
