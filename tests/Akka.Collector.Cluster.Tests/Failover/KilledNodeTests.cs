using System.Text.Json;
using Akka.Collector.Cluster.Tests.Harness;

namespace Akka.Collector.Cluster.Tests.Failover;

/// <summary>
/// kill -9 of the node that runs the interval singletons, in the middle of a round: its
/// shards and its interval collectors start on the other two nodes, collection goes on, and
/// afterwards the store holds exactly the single-node reference run's bars, which are the
/// recorded minutes rolled up: none lost, none duplicated.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KilledNodeTests(ReferenceRun reference)
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(30);

    [ClusterFact]
    public async Task Killing_the_singleton_host_mid_round_loses_and_duplicates_no_bar()
    {
        // arrange: three collectors, symbols spread, two hours of the session collected
        await using var run = await FailoverStart.TwoHoursInAsync("killed");
        var cluster = run.Cluster;
        var steps = ReplaySession.Steps;

        var victim = await cluster.SingletonHostAsync();
        var frozen = cluster.Collectors.First(n => n != victim);
        var shardsBefore = (await cluster.ShardsAsync()).Values
            .SelectMany(s => s.Where(x => x.Entities.Count > 0).Select(x => x.Shard))
            .ToHashSet();

        // act: a round starts while one node is frozen (SIGSTOP), so it cannot finish: its
        // symbols on that node are still unanswered when the singleton host is killed
        var t = steps[2];
        await cluster.MoveClocksAsync(t, except: [victim]);
        frozen.Signal(Signals.Stop);
        try
        {
            await victim.MoveClockAsync(t.ToDateTimeOffset());
            await Poll.UntilAsync("a 1m round in flight on the singleton host",
                TestCluster.ChangeBound, async () =>
                {
                    var m1 = (await cluster.IntervalStatusAsync(victim))
                        .Single(r => r.GetProperty("interval").GetString() == "1m");
                    return m1.GetProperty("runningSince").ValueKind == JsonValueKind.String
                        ? null
                        : $"no round running: {m1}";
                }, cluster.Diagnostics);

            victim.Signal(Signals.Kill);
            cluster.Gone(victim);
        }
        finally
        {
            frozen.Signal(Signals.Continue);
        }

        Assert.True(await victim.WaitForExitAsync(ExitBound), "the killed node did not exit");

        // the survivors down it, and the round's bars are collected by collectors that moved
        await cluster.WaitForMembersAsync(2, TestCluster.ChangeBound);
        await cluster.WaitForRoundsAsync(t, TestCluster.ChangeBound);
        var host = await cluster.SingletonHostAsync();
        Assert.NotEqual(victim, host);

        // its shards are hosted by the survivors, each of which still hosts some
        await cluster.WaitForSpreadAsync(TestCluster.ChangeBound);
        var shardsAfter = await cluster.ShardsAsync();
        Assert.Equal(2, shardsAfter.Count);
        Assert.Subset(
            shardsAfter.Values.SelectMany(s => s.Select(x => x.Shard)).ToHashSet(),
            shardsBefore);

        // collection goes on to the close
        foreach (var step in steps.Skip(3))
            await cluster.PlayToAsync(step);

        // assert: every (symbol, interval) holds exactly the reference's bars
        await run.AssertStoredAsReferenceAsync(reference);
    }
}
