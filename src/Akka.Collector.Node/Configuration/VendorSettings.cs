using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Node.Configuration;

/// <summary>Which vendor feeds the node, how to reach it and what it may spend.</summary>
public sealed record VendorSettings(
    string Kind,
    string? ReplayDirectory,
    IReadOnlyList<ReplayFile> ReplayFiles,
    double BudgetPerMinute = 0,
    int BudgetNodes = 1,
    IReadOnlyList<BarInterval>? DegradeOrder = null,
    string? SecretsFile = null,
    string AlpacaBaseUrl = "https://data.alpaca.markets",
    string AlpacaFeed = "iex",
    string AlpacaAdjustment = "raw",
    string PolygonBaseUrl = "https://api.polygon.io")
{
    public static readonly IReadOnlyList<string> Kinds =
        ["synthetic", "replay", "alpaca", "polygon"];

    internal static VendorSettings From(ConfigReader c)
    {
        var kind = c.String("kind", "synthetic").Trim().ToLowerInvariant();
        if (!Kinds.Contains(kind))
            throw c.Bad("kind", kind, string.Join(", ", Kinds));

        var order = new List<BarInterval>();
        foreach (var name in c.List("budget.degrade-order"))
        {
            if (!BarInterval.TryParse(name, out var interval, out var error))
                throw c.Bad("budget.degrade-order", name, error);
            order.Add(interval);
        }

        var directory = c.String("replay.directory", "");
        var secrets = c.String("secrets-file", "");
        return new VendorSettings(
            kind,
            string.IsNullOrWhiteSpace(directory) ? null : directory,
            ReadReplayFiles(c),
            c.Double("budget.requests-per-minute", 0, min: 0),
            c.Positive("budget.nodes", 1),
            order,
            string.IsNullOrWhiteSpace(secrets) ? null : secrets,
            Url(c, "alpaca.base-url", "https://data.alpaca.markets"),
            OneOf(c, "alpaca.feed", "iex", ["iex", "sip"]),
            OneOf(c, "alpaca.adjustment", "raw", ["raw", "split", "dividend", "all"]),
            Url(c, "polygon.base-url", "https://api.polygon.io"));
    }

    private static List<ReplayFile> ReadReplayFiles(ConfigReader c)
    {
        var files = new List<ReplayFile>();
        foreach (var entry in c.Entries("replay.files"))
        {
            string Field(string name) => entry.GetKey(name)?.GetString()
                ?? throw c.Bad("replay.files", entry.ToString(), $"objects with '{name}'");
            files.Add(new ReplayFile(Field("symbol"), Field("path"), Field("format")));
        }

        return files;
    }

    private static string Url(ConfigReader c, string key, string fallback)
    {
        var text = c.String(key, fallback);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? text
            : throw c.Bad(key, text, "an absolute http or https URL");
    }

    private static string OneOf(ConfigReader c, string key, string fallback, string[] allowed)
    {
        var text = c.String(key, fallback).Trim().ToLowerInvariant();
        return allowed.Contains(text) ? text : throw c.Bad(key, text, string.Join(", ", allowed));
    }
}

public sealed record ReplayFile(string Symbol, string Path, string Format);
