namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>
/// The folder of a SQLite file that nodes started one after another share, as a restart
/// does: it outlives each node and goes with the test. Pass <see cref="Path"/> as
/// <see cref="TestNode.StartAsync"/>'s directory.
/// </summary>
public sealed class StoreFolder : IDisposable
{
    /// <param name="name">Says in the temp folder's name which test made it.</param>
    public StoreFolder(string name)
    {
        Path = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(), $"collector-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        // Pooled connections keep the file open; let go of them before deleting it.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
