using Akka.Collector.Actors.Budget;
using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Actors.Tests.Budget;

public sealed class CapacityPlanSpecs
{
    private static readonly IReadOnlyList<BarInterval> FinestFirst = [.. BarInterval.All];

    [Fact]
    public void A_round_costs_one_request_per_batch_of_symbols_not_one_per_symbol()
    {
        // 600 symbols in batches of 100: six requests a round; 1m rounds every minute
        var plan = CapacityPlan.Compute(600, 100, 0, 1, FinestFirst);

        Assert.Equal(6, plan.NeedPerInterval[BarInterval.M1], 6);
        Assert.Equal(6 / 5.0, plan.NeedPerInterval[BarInterval.M5], 6);
        Assert.Equal(6 / 390.0, plan.NeedPerInterval[BarInterval.D1], 6);
        Assert.True(plan.IsUnlimited);
        Assert.Empty(plan.Degraded);
    }

    [Fact]
    public void A_budget_that_covers_the_universe_degrades_nothing_and_shares_out_all_of_it()
    {
        var plan = CapacityPlan.Compute(600, 100, 200, 1, FinestFirst);

        Assert.Empty(plan.Degraded);
        Assert.Equal(0, plan.Shortfall);
        Assert.Equal(200, BarInterval.All.Sum(plan.ReservedFor), 6);
        Assert.True(plan.ReservedFor(BarInterval.M1) > plan.ReservedFor(BarInterval.M5));
    }

    [Fact]
    public void A_short_budget_degrades_intervals_in_the_declared_order_until_the_rest_fits()
    {
        // One symbol per request (Polygon) and 5 requests a minute (its free plan)
        var plan = CapacityPlan.Compute(40, 1, 5, 1, FinestFirst);

        Assert.True(plan.Shortfall > 0);
        Assert.Equal(BarInterval.M1, plan.Degraded[0]);
        Assert.True(plan.PlannedPerMinute <= 5 * (1 - CapacityPlan.OnDemandShare));
        Assert.True(
            plan.ReservedFor(BarInterval.M1) > 0, "a degraded interval can still be asked for");
        Assert.Equal(5, BarInterval.All.Sum(plan.ReservedFor), 6);
        Assert.DoesNotContain(BarInterval.D1, plan.Degraded);
    }

    [Fact]
    public void The_budget_is_shared_equally_among_the_collector_nodes()
    {
        var plan = CapacityPlan.Compute(600, 100, 200, 4, FinestFirst);

        Assert.Equal(50, plan.BudgetPerMinute);
    }

    [Fact]
    public void A_declared_order_is_followed_even_when_it_is_not_finest_first()
    {
        var plan = CapacityPlan.Compute(40, 1, 20, 1, [BarInterval.M2, BarInterval.M1]);

        Assert.Equal([BarInterval.M2, BarInterval.M1], plan.Degraded);
    }
}
