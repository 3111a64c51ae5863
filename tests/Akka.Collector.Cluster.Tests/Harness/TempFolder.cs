namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>
/// A fresh folder for one run's nodes and store, deleted at the end unless
/// CLUSTER_TESTS_KEEP is set (then the nodes' logs and the store stay for a post-mortem).
/// </summary>
public sealed class TempFolder : IDisposable
{
    private static readonly bool Keep =
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CLUSTER_TESTS_KEEP"));

    public string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "collector-cluster-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        if (Keep)
            return;

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file a process still held; the OS cleans temp folders.
        }
    }
}
