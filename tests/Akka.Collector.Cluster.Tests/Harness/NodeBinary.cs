namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>Where the built node is: its own output folder, beside its hocon/ files.</summary>
public static class NodeBinary
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static readonly string Dll = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null;
            dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Akka.Collector.sln")))
                continue;

            var dll = Path.Combine(dir.FullName, "src", "Akka.Collector.Node", "bin",
                Configuration, "net10.0", "Akka.Collector.Node.dll");
            return File.Exists(dll)
                ? dll
                : throw new FileNotFoundException(
                    $"the node is not built: {dll} (build the test project, which builds it)");
        }

        throw new DirectoryNotFoundException(
            "Akka.Collector.sln not found above " + AppContext.BaseDirectory);
    }
}
