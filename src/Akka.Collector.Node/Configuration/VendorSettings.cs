using Akka.Collector.Domain.Intervals;
using Akka.Configuration;

namespace Akka.Collector.Node.Configuration;

/// <summary>Which vendor feeds the node and where its recorded files are.</summary>
public sealed record VendorSettings(
    string Kind,
    string? ReplayDirectory,
    IReadOnlyList<ReplayFile> ReplayFiles,
    double BudgetPerMinute = 0,
    int BudgetNodes = 1,
    IReadOnlyList<BarInterval>? DegradeOrder = null)
{
    public static VendorSettings From(Config? c)
    {
        if (c is null)
            return new VendorSettings("synthetic", null, []);

        var kind = c.GetString("kind", "synthetic").Trim().ToLowerInvariant();
        if (kind is not ("synthetic" or "replay"))
            throw NodeSettings.Bad("collector.vendor.kind", kind, "synthetic or replay");

        var files = new List<ReplayFile>();
        foreach (var entry in c.GetValue("replay.files")?.GetArray() ?? [])
        {
            var obj = entry.GetObject();
            string Field(string name) => obj.GetKey(name)?.GetString()
                ?? throw NodeSettings.Bad("collector.vendor.replay.files", entry.ToString(), $"an object with '{name}'");
            files.Add(new ReplayFile(Field("symbol"), Field("path"), Field("format")));
        }

        var order = new List<BarInterval>();
        foreach (var name in c.GetStringList("budget.degrade-order") ?? [])
        {
            if (!BarInterval.TryParse(name, out var interval, out var error))
                throw NodeSettings.Bad("collector.vendor.budget.degrade-order", name, error);
            order.Add(interval);
        }

        var budget = c.GetDouble("budget.requests-per-minute", 0);
        if (budget < 0)
            throw NodeSettings.Bad("collector.vendor.budget.requests-per-minute", $"{budget}", "0 or more");

        var directory = c.GetString("replay.directory", "");
        return new VendorSettings(
            kind,
            string.IsNullOrWhiteSpace(directory) ? null : directory,
            files,
            budget,
            Math.Max(1, c.GetInt("budget.nodes", 1)),
            order);
    }
}

public sealed record ReplayFile(string Symbol, string Path, string Format);
