namespace Akka.Collector.Vendors.Tests.Support;

/// <summary>
/// The recorded market data kept beside the repository (<c>../shared/data</c> from the repo
/// root), found by walking up from the test binaries. Null where the checkout has none.
/// </summary>
internal static class SharedData
{
    public static readonly string? Directory = Find();

    public static string ReactStockCharts(string file) => Require("react-stockcharts", file);

    public static string Mplfinance(string file) => Require("mplfinance", file);

    private static string Require(string folder, string file) =>
        Path.Combine(Directory ?? throw new InvalidOperationException("shared/data is absent"),
            folder, file);

    private static string? Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "react-stockcharts")))
                return candidate;
        }

        return null;
    }
}

/// <summary>A fact needing the recorded files; skipped with the reason when absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.Directory is null)
            Skip = "recorded market data not found: expected a shared/data folder beside the " +
                   "repository root (../shared/data)";
    }
}
