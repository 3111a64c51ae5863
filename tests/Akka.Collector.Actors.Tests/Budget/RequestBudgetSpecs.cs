using Akka.Collector.Actors.Budget;
using Microsoft.Extensions.Time.Testing;

namespace Akka.Collector.Actors.Tests.Budget;

public sealed class RequestBudgetSpecs
{
    [Fact]
    public void A_full_bucket_allows_one_minute_of_requests_then_refuses()
    {
        var clock = new FakeTimeProvider();
        var budget = new RequestBudget(3, clock);

        Assert.True(budget.TryTake());
        Assert.True(budget.TryTake());
        Assert.True(budget.TryTake());
        Assert.False(budget.TryTake());
        Assert.Equal(TimeSpan.FromSeconds(20), budget.UntilNext());
    }

    [Fact]
    public void Tokens_come_back_with_the_market_clock()
    {
        var clock = new FakeTimeProvider();
        var budget = new RequestBudget(60, clock);
        for (var i = 0; i < 60; i++)
            budget.TryTake();

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(budget.TryTake());
        Assert.False(budget.TryTake());
    }

    [Fact]
    public void An_unlimited_budget_never_refuses_and_a_zero_one_never_allows()
    {
        var clock = new FakeTimeProvider();

        Assert.True(new RequestBudget(double.PositiveInfinity, clock).TryTake());
        Assert.False(new RequestBudget(0, clock).TryTake());
        Assert.Equal(Timeout.InfiniteTimeSpan, new RequestBudget(0, clock).UntilNext());
    }
}
