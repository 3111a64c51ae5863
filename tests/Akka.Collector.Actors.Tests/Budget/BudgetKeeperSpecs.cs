using Akka.Actor;
using Akka.Collector.Actors.Budget;
using Akka.Collector.Actors.Intervals;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Intervals;
using Akka.Configuration;
using Akka.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace Akka.Collector.Actors.Tests.Budget;

/// <summary>
/// A real two-node cluster on loopback: the node's share of the budget follows the Up
/// collector members (not the configured count), the degraded intervals follow the share,
/// and each interval collector is told by message. 600 symbols in requests of 100 need
/// about 11 requests a minute: 12 a minute pays for one node's rounds, 6 does not.
/// </summary>
public sealed class BudgetKeeperSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Membership = TimeSpan.FromSeconds(60);

    public BudgetKeeperSpecs()
        : base(ClusterConfig(), nameof(BudgetKeeperSpecs))
    {
    }

    [Fact]
    public void The_share_follows_the_Up_collector_members_and_the_universe()
    {
        // arrange: configured for three nodes, so the plan starts on a third of the budget
        var planner = new CapacityPlanner(600, 100, 12, 3, [.. BarInterval.All]);
        using var budget = new RequestBudget(planner.Current, new FakeTimeProvider());
        var probes = BarInterval.All.ToDictionary(i => i, _ => CreateTestProbe());
        var directory = new IntervalDirectory();
        foreach (var (interval, probe) in probes)
            directory.Register(interval, probe.Ref);
        Assert.Equal(4, planner.Current.BudgetPerMinute);
        Sys.ActorOf(BudgetKeeper.Props(planner, budget, directory, "mock"), "budget-keeper");

        // act 1: this node forms a cluster alone
        var cluster = Cluster.Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);

        // assert: the whole budget, nothing degraded, every collector told so
        ExpectDegraded(probes[BarInterval.M1], false);
        ExpectDegraded(probes[BarInterval.D1], false);
        Assert.Equal((1, 12.0), (planner.Current.Nodes, planner.Current.BudgetPerMinute));

        // act 2: a second collector node joins
        var other = ActorSystem.Create(nameof(BudgetKeeperSpecs), ClusterConfig());
        try
        {
            Cluster.Cluster.Get(other).Join(cluster.SelfAddress);

            // assert: half the budget each, and 1m's rounds stop
            ExpectDegraded(probes[BarInterval.M1], true);
            ExpectDegraded(probes[BarInterval.M5], false);
            Assert.Equal((2, 6.0), (planner.Current.Nodes, planner.Current.BudgetPerMinute));
            Assert.Equal([BarInterval.M1], planner.Current.Degraded);

            // act 3: it leaves
            Cluster.Cluster.Get(other).Leave(Cluster.Cluster.Get(other).SelfAddress);

            // assert: the whole budget again, and 1m restored
            ExpectDegraded(probes[BarInterval.M1], false);
            Assert.Equal((1, 12.0), (planner.Current.Nodes, planner.Current.BudgetPerMinute));
        }
        finally
        {
            Shutdown(other);
        }

        // act 4: the universe grows to 1200 symbols
        Sys.ActorSelection("/user/budget-keeper").Tell(new BudgetProtocol.UniverseChanged(1200));

        // assert: twice the need, on the same share
        ExpectDegraded(probes[BarInterval.M1], true);
        Assert.Equal(1200, planner.Current.Symbols);
        Assert.True(planner.Current.Shortfall > 0);
    }

    // Skips earlier copies (every change tells every collector) until the flag expected.
    private static void ExpectDegraded(TestProbe probe, bool degraded) =>
        probe.FishForMessage<IntervalProtocol.SetDegraded>(
            m => m.Degraded == degraded, Membership);

    private static Config ClusterConfig() =>
        ConfigurationFactory.ParseString("""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.cluster.roles = [collector]
            akka.loglevel = WARNING
            """).WithFallback(RepoHocon.AkkaConf());
}
