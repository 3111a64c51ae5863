using Akka.Collector.TestSupport.Data;

namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>A cluster test on recorded files: skipped, saying why, where they are absent or
/// where node processes cannot be signalled.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (SharedData.Missing is { } missing)
            Skip = missing;
        else if (!OperatingSystem.IsLinux())
            Skip = "the cluster tests signal node processes (SIGTERM, SIGSTOP, SIGKILL): " +
                   "Linux only";
    }
}
