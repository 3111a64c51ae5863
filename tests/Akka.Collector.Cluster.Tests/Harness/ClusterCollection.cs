namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>
/// Every cluster test runs in this one collection, one after another: each runs three or four
/// node processes, and two such runs side by side would starve each other on two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ReferenceRun>
{
    public const string Name = "cluster";
}
