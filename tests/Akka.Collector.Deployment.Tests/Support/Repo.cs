namespace Akka.Collector.Deployment.Tests.Support;

/// <summary>Paths in the repository this test runs from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Every kustomize overlay under k8s/overlays, by folder name.</summary>
    public static IEnumerable<object[]> Overlays() =>
        Directory.GetDirectories(PathOf("k8s", "overlays"))
            .Select(d => new object[] { Path.GetFileName(d) })
            .OrderBy(o => (string)o[0], StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null;
             dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Akka.Collector.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException(
            $"no Akka.Collector.sln above {AppContext.BaseDirectory}");
    }
}
