using Akka.Configuration;

namespace Akka.Collector.Actors.Tests.Support;

/// <summary>The HOCON the node ships, read from the repository the tests were built in.</summary>
public static class RepoHocon
{
    /// <summary>hocon/akka.conf of this checkout, exactly as the node reads it.</summary>
    public static Config AkkaConf()
    {
        var path = Path.Combine(RepoRoot(), "hocon", "akka.conf");
        return ConfigurationFactory.ParseString(File.ReadAllText(path));
    }

    // The folder with the solution file, found by walking up from the test binaries.
    private static string RepoRoot()
    {
        var start = new DirectoryInfo(AppContext.BaseDirectory);
        for (var dir = start; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Akka.Collector.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException(
            $"no Akka.Collector.sln above {start.FullName}; the tests read hocon/ from it");
    }
}
