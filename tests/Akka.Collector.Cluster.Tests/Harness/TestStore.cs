using Akka.Collector.Store;

namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>
/// The database the nodes of one run share, as a parameter of the harness: the nodes get its
/// HOCON, the assertions read it through the store's own code.
/// </summary>
public interface ITestStore : IAsyncDisposable
{
    /// <summary>What the store is, for failure messages.</summary>
    string Description { get; }

    /// <summary>collector.store settings for every node of the run.</summary>
    string Hocon { get; }

    /// <summary>A reader over what the nodes stored.</summary>
    ICandleStore Open();
}
