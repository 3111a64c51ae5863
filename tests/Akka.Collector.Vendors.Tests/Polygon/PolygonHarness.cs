using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Time;
using Akka.Collector.MockVendor;
using Akka.Collector.Vendors.Http;
using Akka.Collector.Vendors.Polygon;
using Akka.Collector.Vendors.Synthetic;
using Akka.Collector.Vendors.Tests.Support;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Polygon;

/// <summary>
/// A mock vendor on loopback over a minute source (the truth), and real Polygon clients
/// pointed at it. The market clock starts at a chosen instant and runs in real time, so
/// Polly's backoffs and timeouts fire without anyone advancing a fake clock.
/// </summary>
internal sealed class PolygonHarness : IAsyncDisposable
{
    // Distinctive, so a test can search any text for it.
    public const string Key = "pk-test-7d1c0e9a";

    /// <summary>Short backoffs; a breaker that never opens in a test that does not ask.</summary>
    public static readonly VendorResilienceOptions Quick = new()
    {
        MaxRetries = 3,
        FirstBackoff = TimeSpan.FromMilliseconds(1),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        BreakMinimumThroughput = 1_000,
    };

    private readonly List<HttpClient> _clients = [];

    private PolygonHarness(MockVendorServer vendor, IBarSource truth, TimeProvider clock)
    {
        Vendor = vendor;
        Truth = truth;
        Clock = clock;
    }

    public MockVendorServer Vendor { get; }

    /// <summary>The minute source behind the mock, asked directly for the expected bars.</summary>
    public IBarSource Truth { get; }

    public TimeProvider Clock { get; }

    public BarGrid Grid { get; } = Calendars.Grid();

    /// <summary>Every request the clients sent, as they sent it.</summary>
    public SentRequests Sent { get; } = new();

    /// <summary>After the close on Friday 2026-12-04, unless told otherwise.</summary>
    public static Task<PolygonHarness> StartAsync(Instant? now = null) =>
        StartAsync(clock => new SyntheticBarSource(clock, Calendars.Grid()), now);

    public static async Task<PolygonHarness> StartAsync(
        Func<TimeProvider, IBarSource> minutes, Instant? now = null)
    {
        var start = (now ?? Clocks.Et(2026, 12, 4, 17, 0)).ToDateTimeOffset();
        var clock = new ScaledTimeProvider(start, speed: 1);
        var truth = minutes(clock);
        var vendor = await MockVendorServer.StartAsync(
            new MockVendorOptions { Minutes = truth, PolygonApiKey = Key });
        return new PolygonHarness(vendor, truth, clock);
    }

    public PolygonBarSource Client(
        VendorResilienceOptions? resilience = null,
        string key = Key,
        Action<string>? log = null,
        int maxPages = 100)
    {
        var http = new HttpClient(new SentRequestsHandler(Sent));
        _clients.Add(http);
        var options = new PolygonOptions
        {
            BaseAddress = Vendor.BaseAddress,
            ApiKey = key,
            MaxPages = maxPages,
        };
        return new PolygonBarSource(http, options, Grid, Clock, resilience ?? Quick, log);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        await Vendor.DisposeAsync();
    }
}
