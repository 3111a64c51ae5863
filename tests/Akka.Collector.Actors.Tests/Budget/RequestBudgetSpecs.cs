using Akka.Collector.Actors.Budget;
using Akka.Collector.Domain.Intervals;
using Microsoft.Extensions.Time.Testing;

namespace Akka.Collector.Actors.Tests.Budget;

/// <summary>
/// The node's budget on a fake wall clock: each interval's bucket, the node's cap over any
/// sliding minute, rounds ahead of backfill, and a new plan taking effect at once. Permits
/// are drawn from many threads by real clients; here the order of draws is the test's.
/// </summary>
public sealed class RequestBudgetSpecs
{
    private static readonly IReadOnlyList<BarInterval> FinestFirst = [.. BarInterval.All];

    [Fact]
    public async Task A_spent_bucket_waits_for_its_token_to_come_back_on_the_wall_clock()
    {
        // arrange: spend what 1m may send now
        var clock = new FakeTimeProvider();
        using var budget = new RequestBudget(Plan(budgetPerMinute: 60), clock);
        var permits = budget.For(BarInterval.M1, backfill: false);
        var spent = 0;
        while (budget.UntilNext(BarInterval.M1) == TimeSpan.Zero)
        {
            await permits.AcquireAsync(CancellationToken.None);
            spent++;
        }

        // act
        var next = permits.AcquireAsync(CancellationToken.None).AsTask();
        var wait = budget.UntilNext(BarInterval.M1);
        clock.Advance(wait - TimeSpan.FromTicks(1));
        var early = next.IsCompleted;
        clock.Advance(TimeSpan.FromTicks(1));

        // assert: it went once a token had come back, not a tick before
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(spent >= 1 && wait > TimeSpan.Zero, $"{spent} spent, then {wait}");
        Assert.False(early);
        Assert.Equal(spent + 1, budget.Granted);
    }

    [Fact]
    public void The_node_never_sends_more_than_its_share_in_any_minute()
    {
        // arrange: 12 a minute for the node; 40 requests of every interval, rounds and
        // backfill, all asking at once
        var clock = new FakeTimeProvider();
        using var budget = new RequestBudget(Plan(budgetPerMinute: 12), clock);
        var asking = BarInterval.All
            .SelectMany(i => Enumerable.Range(0, 40).Select(n => (i, Backfill: n % 2 == 1)))
            .Select(r => budget.For(r.i, r.Backfill).AcquireAsync(CancellationToken.None))
            .ToList();

        // act: five minutes a second at a time; grants happen inside Advance, so the count
        // after each step is exact
        var perSecond = new List<long> { budget.Granted };
        for (var s = 1; s <= 300; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            perSecond.Add(budget.Granted - perSecond.Sum());
        }

        // assert: any 60 consecutive seconds hold at most 12 sends; the budget was used
        for (var k = 0; k + 60 <= perSecond.Count; k++)
            Assert.True(perSecond.Skip(k).Take(60).Sum() <= 12, $"window at {k} s");
        Assert.InRange(budget.Granted, 12 * 5, 12 * 6); // 301 s: 0 s to 300 s inclusive
        Assert.Contains(asking, t => !t.IsCompleted);
    }

    [Fact]
    public async Task Waiting_rounds_go_before_waiting_backfill_whatever_arrived_first()
    {
        // arrange: an empty bucket, then a backfill request, then a round's
        var clock = new FakeTimeProvider();
        using var budget = new RequestBudget(Plan(budgetPerMinute: 60), clock);
        while (budget.UntilNext(BarInterval.M5) == TimeSpan.Zero)
            await budget.For(BarInterval.M5, backfill: false).AcquireAsync(default);
        var backfill = budget.For(BarInterval.M5, backfill: true).AcquireAsync(default).AsTask();
        var round = budget.For(BarInterval.M5, backfill: false).AcquireAsync(default).AsTask();

        // act: time for one token only
        clock.Advance(budget.UntilNext(BarInterval.M5));

        // assert
        await round.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(backfill.IsCompleted);
    }

    [Fact]
    public async Task A_smaller_share_applies_at_once_and_a_cancelled_wait_costs_nothing()
    {
        var clock = new FakeTimeProvider();
        using var budget = new RequestBudget(Plan(budgetPerMinute: 120), clock);

        // act: a second node joins, so the share halves; one waiter gives up
        budget.Apply(Plan(budgetPerMinute: 120, nodes: 2));
        var taken = 0;
        while (budget.UntilNext(BarInterval.M1) == TimeSpan.Zero)
        {
            await budget.For(BarInterval.M1, backfill: false).AcquireAsync(default);
            taken++;
        }

        using var cancel = new CancellationTokenSource();
        var gaveUp = budget.For(BarInterval.M1, backfill: false).AcquireAsync(cancel.Token);
        await cancel.CancelAsync();

        // assert: the bucket holds the new share's minute, and the cancelled wait took none
        var halved = Plan(budgetPerMinute: 120, nodes: 2).ReservedFor(BarInterval.M1);
        Assert.Equal((int)Math.Max(1, halved), taken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp.AsTask());
        Assert.Equal(taken, budget.Granted);
    }

    [Fact]
    public async Task Without_a_budget_every_request_goes_at_once_and_is_counted()
    {
        var clock = new FakeTimeProvider();
        using var budget = new RequestBudget(Plan(budgetPerMinute: 0), clock);

        for (var i = 0; i < 1000; i++)
            await budget.For(BarInterval.M1, backfill: true).AcquireAsync(default);

        Assert.Equal(1000, budget.Granted);
        Assert.Equal(TimeSpan.Zero, budget.UntilNext(BarInterval.M1));
    }

    private static CapacityPlan Plan(double budgetPerMinute, int nodes = 1) =>
        CapacityPlan.Compute(100, 1, budgetPerMinute, nodes, FinestFirst);
}
