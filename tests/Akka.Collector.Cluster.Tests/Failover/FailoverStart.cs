using Akka.Collector.Cluster.Tests.Harness;

namespace Akka.Collector.Cluster.Tests.Failover;

/// <summary>Where each failover test starts, before a node goes: three collectors on a store
/// of their own, the symbols spread over them, two hours of the session collected.</summary>
internal static class FailoverStart
{
    /// <param name="name">Starts the database's name, to tell runs apart on the server.</param>
    public static async Task<ClusterRun> TwoHoursInAsync(string name)
    {
        var run = await ClusterRun.StartAsync(name, collectors: 3);
        try
        {
            await run.Cluster.WaitForSpreadAsync(TestCluster.ChangeBound);
            foreach (var step in ReplaySession.Steps.Take(2))
                await run.Cluster.PlayToAsync(step);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }
}
