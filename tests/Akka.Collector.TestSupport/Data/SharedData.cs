namespace Akka.Collector.TestSupport.Data;

/// <summary>
/// The recorded market data kept beside the repository (<c>../shared/data</c> from the repo
/// root), found by walking up from the test binaries; null where this checkout has none.
/// </summary>
/// <remarks>
/// Each test project marks the tests that need it with a fact attribute of its own that
/// skips with <see cref="Missing"/>: this project carries no test framework.
/// </remarks>
public static class SharedData
{
    public static readonly string? Directory = Find();

    /// <summary>Why a test on the recorded files cannot run here; null where it can.</summary>
    public static string? Missing => Directory is null
        ? "recorded market data not found: this test reads ../shared/data beside the " +
          "repository root, which this checkout does not have"
        : null;

    /// <summary>A path in the data folder: ("react-stockcharts", "AAPL_INTRA_DAY.tsv").</summary>
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
