using Akka.Collector.Actors;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Gateway;
using Akka.Configuration;
using NodaTime;
using NodaTime.Text;

namespace Akka.Collector.Node.Configuration;

/// <summary>The typed view of collector.conf; a bad value stops the node with its key
/// named.</summary>
public sealed record NodeSettings(
    string Hostname,
    int Port,
    IReadOnlyList<string> SeedNodes,
    string GatewayHost,
    int GatewayPort,
    GatewayOptions Gateway,
    Instant? ClockStart,
    double ClockSpeed,
    string? CalendarFile,
    int CalendarWarnDays,
    VendorSettings Vendor,
    StoreSettings Store,
    CollectionSettings Collection)
{
    /// <summary>The SQLite file, when the store is SQLite.</summary>
    public string SqlitePath => Store.SqlitePath;

    public static NodeSettings From(Config root)
    {
        var section = root.GetConfig("collector")
            ?? throw new InvalidOperationException("configuration has no 'collector' section");
        var c = new ConfigReader(section, "collector");

        var speed = c.Double("clock.speed", 1, min: double.Epsilon);
        var collection = new CollectionSettings
        {
            Universe = ParseUniverse(c, c.List("universe.symbols")),
            SettleDelay = Duration.FromTimeSpan(
                c.Duration("collection.settle-delay", TimeSpan.FromSeconds(5))),
            FinalGrace = Duration.FromTimeSpan(
                c.Duration("collection.final-grace", TimeSpan.FromSeconds(5))),
            RoundTimeout = Duration.FromTimeSpan(
                c.Duration("collection.round-timeout", TimeSpan.FromMinutes(5), allowZero: false)),
            BackfillSessions = ParsePerInterval(
                c.Section("collection.backfill-sessions"), CollectionSettings.DefaultBackfill),
            SessionsPerFetch = ParsePerInterval(
                c.Section("collection.sessions-per-fetch"),
                CollectionSettings.DefaultSessionsPerFetch),

            // Configured in real time; the clock may run faster, so stretch it into market time.
            RequestTimeout = c.Duration(
                "vendor.request-timeout", TimeSpan.FromSeconds(20), allowZero: false) * speed,
            ConcurrencyPerInterval = c.Positive("vendor.concurrency-per-interval", 2),
            BatchWindow = c.Duration("vendor.batch-window", TimeSpan.FromMilliseconds(5)),
            Shards = c.Positive("sharding.shards", 100),
        };

        var gateway = new GatewayOptions
        {
            StaleWait = c.Duration("gateway.stale-wait", TimeSpan.FromSeconds(5)),
            DefaultLimit = c.Positive("gateway.default-limit", 500),
            MaxLimit = c.Positive("gateway.max-limit", 10_000),
            MaxRange = c.Duration("gateway.max-range", TimeSpan.FromDays(3660), allowZero: false),
        };

        return new NodeSettings(
            c.String("node.hostname", "127.0.0.1"),
            c.Int("node.port", 4053, min: 0, max: 65535),
            c.List("node.seed-nodes"),
            ListenAddress(c),
            c.Int("gateway.port", 8080, min: 0, max: 65535),
            gateway,
            ParseStart(c.String("clock.start-at", "")),
            speed,
            Blank(c.String("calendar.file", "")),
            c.Int("calendar.warn-days", 30, min: 0),
            VendorSettings.From(c.Section("vendor")),
            StoreSettings.From(c),
            collection);
    }

    // An IP literal only: Kestrel binds a host name it cannot resolve to every interface.
    private static string ListenAddress(ConfigReader c)
    {
        var host = c.String("gateway.host", "127.0.0.1").Trim();
        if (host == "localhost" || System.Net.IPAddress.TryParse(host.Trim('[', ']'), out _))
            return host;

        throw c.Bad(
            "gateway.host", host, "an IP address such as 127.0.0.1 or 0.0.0.0, or localhost");
    }

    private static IReadOnlyList<Symbol> ParseUniverse(ConfigReader c, IReadOnlyList<string> names)
    {
        var symbols = new List<Symbol>();
        foreach (var name in names)
        {
            if (!Symbol.TryParse(name, out var symbol, out var error))
                throw c.Bad("universe.symbols", name, error);
            if (!symbols.Contains(symbol))
                symbols.Add(symbol);
        }

        return symbols;
    }

    private static IReadOnlyDictionary<BarInterval, int> ParsePerInterval(
        ConfigReader section, IReadOnlyDictionary<BarInterval, int> defaults)
    {
        var result = new Dictionary<BarInterval, int>(defaults);
        foreach (var interval in BarInterval.All)
        {
            if (section.Has(interval.Name))
                result[interval] = section.Positive(interval.Name, result[interval]);
        }

        return result;
    }

    private static Instant? ParseStart(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;

        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text.Trim());
        return parsed.Success
            ? parsed.Value.ToInstant()
            : throw Bad(
                "collector.clock.start-at", text,
                "an ISO-8601 time with offset, e.g. 2026-12-03T14:30:00Z");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    internal static InvalidOperationException Bad(string key, string value, string expected) =>
        new($"configuration key {key} = '{value}' is invalid: expected {expected}");
}
