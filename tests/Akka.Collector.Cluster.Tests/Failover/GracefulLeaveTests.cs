using Akka.Collector.Cluster.Tests.Harness;

namespace Akka.Collector.Cluster.Tests.Failover;

/// <summary>
/// SIGTERM to the node that runs the interval singletons while its rounds run: it leaves the
/// cluster, hands its shards and singletons to the other two and exits 0; no round after it
/// misses a symbol and the store holds the whole session, as the reference does.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GracefulLeaveTests(ReferenceRun reference)
{
    // Coordinated shutdown: leave, hand off the shards, move the singletons, stop.
    private static readonly TimeSpan LeaveBound = TimeSpan.FromSeconds(60);

    [ClusterFact]
    public async Task A_node_told_to_stop_hands_its_work_over_without_a_gap_and_exits_0()
    {
        // arrange: three collectors, symbols spread, two hours of the session collected
        await using var run = await FailoverStart.TwoHoursInAsync("leave");
        var cluster = run.Cluster;
        var steps = ReplaySession.Steps;
        var leaving = await cluster.SingletonHostAsync();

        // act: the next rounds start on it, and it is told to stop at once
        var t = steps[2];
        await cluster.MoveClocksAsync(t);
        leaving.Signal(Signals.Term);
        cluster.Gone(leaving);

        // assert: it exits by itself, with 0, once it has left
        Assert.True(await leaving.WaitForExitAsync(LeaveBound),
            "the node did not exit after SIGTERM\n" + cluster.Diagnostics());
        Assert.Equal(0, leaving.ExitCode);
        await cluster.WaitForMembersAsync(2, TestCluster.ChangeBound);

        // the collectors moved; their rounds, the first included, missed no symbol
        await cluster.WaitForRoundsAsync(t, TestCluster.ChangeBound);
        Assert.NotEqual(leaving, await cluster.SingletonHostAsync());
        await AssertNoRoundMissedAsync(cluster);

        // its shards moved: the two left host every symbol
        await cluster.WaitForSpreadAsync(TestCluster.ChangeBound);
        Assert.Equal(2, (await cluster.ShardsAsync()).Count);

        foreach (var step in steps.Skip(3))
        {
            await cluster.PlayToAsync(step);
            await AssertNoRoundMissedAsync(cluster);
        }

        await run.AssertStoredAsReferenceAsync(reference);
    }

    private static async Task AssertNoRoundMissedAsync(TestCluster cluster)
    {
        foreach (var row in await cluster.IntervalStatusAsync(cluster.Live[0]))
        {
            var last = row.GetProperty("lastRound");
            Assert.True(
                last.GetProperty("symbolsFailed").GetInt32() == 0 &&
                !last.GetProperty("timedOut").GetBoolean(),
                $"a round after the leave missed symbols: {row}");
        }
    }
}
