namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>
/// The recorded market data kept beside the repository (../shared/data from the repo root),
/// found by walking up from the test binaries; null where this checkout has none.
/// </summary>
public static class SharedData
{
    public static readonly string? Directory = Find();

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine(
            [Directory ?? throw new InvalidOperationException("no shared/data"), .. parts]);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null;
            dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (System.IO.Directory.Exists(System.IO.Path.Combine(candidate, "react-stockcharts")))
                return candidate;
        }

        return null;
    }
}

/// <summary>A cluster test on recorded files: skipped, saying why, where they are
/// absent.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (SharedData.Directory is null)
        {
            Skip = "recorded market data not found: the cluster tests replay ../shared/data " +
                   "beside the repository root, which this checkout does not have";
        }
        else if (!OperatingSystem.IsLinux())
        {
            Skip = "the cluster tests signal node processes (SIGTERM, SIGSTOP, SIGKILL): " +
                   "Linux only";
        }
    }
}
