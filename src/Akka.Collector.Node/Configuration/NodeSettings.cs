using Akka.Collector.Actors;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Gateway;
using Akka.Configuration;
using NodaTime;
using NodaTime.Text;

namespace Akka.Collector.Node.Configuration;

/// <summary>The typed view of collector.conf; a bad value stops the node with its key named.</summary>
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
    string SqlitePath,
    CollectionSettings Collection)
{
    public static NodeSettings From(Config root)
    {
        var c = root.GetConfig("collector")
            ?? throw new InvalidOperationException("configuration has no 'collector' section");

        var speed = c.GetDouble("clock.speed", 1);
        if (!(speed > 0))
            throw Bad("collector.clock.speed", speed.ToString(System.Globalization.CultureInfo.InvariantCulture), "a positive number");

        var collection = new CollectionSettings
        {
            Universe = ParseUniverse(c.GetStringList("universe.symbols")),
            SettleDelay = Duration.FromTimeSpan(c.GetTimeSpan("collection.settle-delay", TimeSpan.FromSeconds(5))),
            FinalGrace = Duration.FromTimeSpan(c.GetTimeSpan("collection.final-grace", TimeSpan.FromSeconds(5))),
            RoundTimeout = Duration.FromTimeSpan(c.GetTimeSpan("collection.round-timeout", TimeSpan.FromMinutes(5))),
            BackfillSessions = ParsePerInterval(
                c.GetConfig("collection.backfill-sessions"), CollectionSettings.DefaultBackfill),
            SessionsPerFetch = ParsePerInterval(
                c.GetConfig("collection.sessions-per-fetch"), CollectionSettings.DefaultSessionsPerFetch),

            // Configured in real time; the clock may run faster, so stretch it into market time.
            RequestTimeout = c.GetTimeSpan("vendor.request-timeout", TimeSpan.FromSeconds(20)) * speed,
            ConcurrencyPerInterval = Positive(c, "vendor.concurrency-per-interval", 2),
            BatchWindow = c.GetTimeSpan("vendor.batch-window", TimeSpan.FromMilliseconds(25)),
            Shards = Positive(c, "sharding.shards", 100),
        };

        var gateway = new GatewayOptions
        {
            StaleWait = c.GetTimeSpan("gateway.stale-wait", TimeSpan.FromSeconds(5)),
            DefaultLimit = Positive(c, "gateway.default-limit", 500),
            MaxLimit = Positive(c, "gateway.max-limit", 10_000),
            MaxRange = c.GetTimeSpan("gateway.max-range", TimeSpan.FromDays(3660)),
        };

        return new NodeSettings(
            c.GetString("node.hostname", "127.0.0.1"),
            c.GetInt("node.port", 4053),
            [.. c.GetStringList("node.seed-nodes") ?? []],
            c.GetString("gateway.host", "127.0.0.1"),
            c.GetInt("gateway.port", 8080),
            gateway,
            ParseStart(c.GetString("clock.start-at", "")),
            speed,
            Blank(c.GetString("calendar.file", "")),
            c.GetInt("calendar.warn-days", 30),
            VendorSettings.From(c.GetConfig("vendor")),
            c.GetString("store.sqlite-path", "data/collector.db"),
            collection);
    }

    private static IReadOnlyList<Symbol> ParseUniverse(IList<string>? names)
    {
        var symbols = new List<Symbol>();
        foreach (var name in names ?? [])
        {
            if (!Symbol.TryParse(name, out var symbol, out var error))
                throw Bad("collector.universe.symbols", name, error);
            if (!symbols.Contains(symbol))
                symbols.Add(symbol);
        }

        return symbols;
    }

    private static IReadOnlyDictionary<BarInterval, int> ParsePerInterval(
        Config? section, IReadOnlyDictionary<BarInterval, int> defaults)
    {
        var result = new Dictionary<BarInterval, int>(defaults);
        if (section is null)
            return result;

        foreach (var interval in BarInterval.All)
        {
            if (section.HasPath(interval.Name))
                result[interval] = Positive(section, interval.Name, result[interval]);
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
            : throw Bad("collector.clock.start-at", text, "an ISO-8601 time with offset, e.g. 2026-12-03T14:30:00Z");
    }

    private static int Positive(Config c, string key, int fallback)
    {
        var value = c.GetInt(key, fallback);
        return value > 0 ? value : throw Bad(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), "a positive integer");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    internal static InvalidOperationException Bad(string key, string value, string expected) =>
        new($"configuration key {key} = '{value}' is invalid: expected {expected}");
}
