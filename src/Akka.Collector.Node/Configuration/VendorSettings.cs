using Akka.Configuration;

namespace Akka.Collector.Node.Configuration;

/// <summary>Which vendor feeds the node and where its recorded files are.</summary>
public sealed record VendorSettings(string Kind, string? ReplayDirectory, IReadOnlyList<ReplayFile> ReplayFiles)
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

        var directory = c.GetString("replay.directory", "");
        return new VendorSettings(kind, string.IsNullOrWhiteSpace(directory) ? null : directory, files);
    }
}

public sealed record ReplayFile(string Symbol, string Path, string Format);
