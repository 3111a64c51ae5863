using Akka.Collector.Actors;
using Akka.Collector.Actors.Gaps;
using Akka.Collector.Actors.Queue;
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
    /// <summary>The collection queue: onboarding caps, retries, quarantine.</summary>
    public QueueSettings Queue { get; init; } = new();

    /// <summary>The gap filler and retention.</summary>
    public GapSettings Gaps { get; init; } = new();

    /// <summary>
    /// The address remoting listens on when it differs from the one other nodes reach this
    /// one by (collector.node.bind-hostname): in Kubernetes, every interface of the pod while
    /// the pod's stable DNS name is advertised. Null: listen on <see cref="Hostname"/>.
    /// </summary>
    public string? BindHostname { get; init; }

    /// <summary>What this node does in the cluster (collector.roles).</summary>
    public NodeRoles Roles { get; init; } = NodeRoles.Both;

    /// <summary>
    /// Set in manual clock mode only (collector.clock.mode = manual): the token a caller of
    /// the test clock endpoint must present. Null: the clock runs by itself.
    /// </summary>
    public string? ManualClockToken { get; init; }

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
            CollectRetryAfter = c.Duration(
                "collection.collect-retry-after", TimeSpan.FromSeconds(5), allowZero: false),
            BackfillSessions = ParsePerInterval(
                c.Section("collection.backfill-sessions"), CollectionSettings.DefaultBackfill),
            SessionsPerFetch = ParsePerInterval(
                c.Section("collection.sessions-per-fetch"),
                CollectionSettings.DefaultSessionsPerFetch),
            HistorySessions = ParsePerInterval(
                c.Section("collection.history-sessions"), CollectionSettings.DefaultHistory),
            CorrectionBars = c.Int("collection.correction-bars", 2, min: 0, max: 100),

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
            AdminToken = Blank(c.String("admin.token", "")),
        };

        return new NodeSettings(
            c.String("node.hostname", "127.0.0.1"),
            c.Int("node.port", 4053, min: 0, max: 65535),
            ParseSeedNodes(c),
            ListenAddress(c),
            c.Int("gateway.port", 8080, min: 0, max: 65535),
            gateway,
            ParseStart(c.String("clock.start-at", "")),
            speed,
            Blank(c.String("calendar.file", "")),
            c.Int("calendar.warn-days", 30, min: 0),
            VendorSettings.From(c.Section("vendor")),
            StoreSettings.From(c),
            collection)
        {
            Queue = QueueFrom(c),
            Gaps = GapsFrom(c, collection),
            Roles = NodeRoles.From(c),
            ManualClockToken = ReadManualClockToken(c),
            BindHostname = Blank(c.String("node.bind-hostname", "")),
        };
    }

    // Market time throughout: a fast demo clock retries and re-checks sooner.
    private static QueueSettings QueueFrom(ConfigReader c) => new()
    {
        Concurrency = c.Positive("queue.concurrency", 4),
        WorkTimeout = c.Duration("queue.work-timeout", TimeSpan.FromMinutes(10), allowZero: false),
        RetryDelay = c.Duration("queue.retry-delay", TimeSpan.FromMinutes(1), allowZero: false),
        MaxRetryDelay = c.Duration(
            "queue.max-retry-delay", TimeSpan.FromMinutes(30), allowZero: false),
        QuarantineAfter = c.Positive("queue.quarantine-after", 3),
        QuarantineRetry = c.Duration(
            "queue.quarantine-retry", TimeSpan.FromDays(1), allowZero: false),
        RejectedFor = c.Duration("queue.unknown-symbol-for", TimeSpan.FromDays(1)),
        SnapshotEvery = c.Positive("queue.snapshot-every", 500),
        MaxOnboarding = c.Positive("onboarding.max-in-progress", 8),
        PerClient = c.Positive("onboarding.per-client", 5),
        ClientWindow = c.Duration(
            "onboarding.client-window", TimeSpan.FromHours(1), allowZero: false),
    };

    private static GapSettings GapsFrom(ConfigReader c, CollectionSettings collection)
    {
        var retention = ParsePerInterval(
            c.Section("retention.sessions"), new Dictionary<BarInterval, int>(), allowZero: true);

        // Kept bars must hold what a symbol is backfilled with, or each pass would prune
        // what the next onboarding fetches again.
        foreach (var (interval, kept) in retention)
        {
            var backfill = collection.BackfillSessionsFor(interval);
            if (kept > 0 && kept < backfill)
            {
                throw c.Bad($"retention.sessions.{interval.Name}", kept.ToString(),
                    $"0 (keep for ever) or at least the backfill depth ({backfill} sessions)");
            }
        }

        return new GapSettings
        {
            Every = c.Duration("gaps.every", TimeSpan.FromMinutes(15), allowZero: false),
            SymbolsPerPass = c.Positive("gaps.symbols-per-pass", 1000),
            LookBackSessions = ParsePerInterval(
                c.Section("gaps.look-back-sessions"), new Dictionary<BarInterval, int>()),
            RetentionSessions = retention,
        };
    }

    // Manual mode hands the market clock to whoever holds the token, so it needs a real one.
    private static string? ReadManualClockToken(ConfigReader c)
    {
        var mode = c.String("clock.mode", "scaled").Trim().ToLowerInvariant();
        if (mode == "scaled")
            return null;
        if (mode != "manual")
            throw c.Bad("clock.mode", mode, "scaled or manual");

        var token = c.String("clock.control-token", "").Trim();
        return token.Length >= 16
            ? token
            : throw c.Bad("clock.control-token", token.Length == 0 ? "(empty)" : "(too short)",
                "at least 16 characters (COLLECTOR_CLOCK_TOKEN) when clock.mode = manual");
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
        ConfigReader section, IReadOnlyDictionary<BarInterval, int> defaults,
        bool allowZero = false)
    {
        var result = new Dictionary<BarInterval, int>(defaults);
        foreach (var interval in BarInterval.All)
        {
            if (!section.Has(interval.Name))
                continue;

            var fallback = result.GetValueOrDefault(interval);
            result[interval] = allowZero
                ? section.Int(interval.Name, fallback, min: 0)
                : section.Positive(interval.Name, fallback);
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

    // Checked here, where the key can be named: Akka would refuse one later with only
    // "Invalid URI", after the host has logged a stack trace.
    private static IReadOnlyList<string> ParseSeedNodes(ConfigReader c)
    {
        var seeds = c.Words("node.seed-nodes");
        foreach (var seed in seeds)
        {
            try
            {
                Akka.Actor.Address.Parse(seed);
            }
            catch (Exception)
            {
                throw c.Bad("node.seed-nodes", seed,
                    "node addresses such as akka.tcp://collector@10.0.0.5:4053, " +
                    "comma-separated in COLLECTOR_SEED_NODES");
            }
        }

        return seeds;
    }

    internal static InvalidOperationException Bad(string key, string value, string expected) =>
        new($"configuration key {key} = '{value}' is invalid: expected {expected}");
}
