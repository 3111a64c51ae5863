namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>A fresh folder for one run's nodes and store, deleted at the end.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "collector-cluster-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
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
