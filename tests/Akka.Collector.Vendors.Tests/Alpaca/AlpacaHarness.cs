using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.MockVendor;
using Akka.Collector.MockVendor.Faults;
using Akka.Collector.Vendors.Alpaca;
using Akka.Collector.Vendors.Http;
using Akka.Collector.Vendors.Synthetic;
using Akka.Collector.Vendors.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>
/// A mock vendor on loopback over a minute source, and real Alpaca clients pointed at it.
/// Two clocks, on purpose: the market data runs on a fake clock parked after the close of
/// Friday 2026-12-04 (so every bar asked for has closed and nothing moves under a test),
/// while the clients' resilience pipeline runs on the system clock with millisecond
/// backoffs, because Polly's delays and the attempt timeout race real sockets.
/// </summary>
internal sealed class AlpacaHarness : IAsyncDisposable
{
    public const string KeyId = "PKTESTKEY7C1D9E2F";
    public const string SecretKey = "sEcReT-5f0e41b2-9a77-alpaca";

    public static readonly Instant Now = Clocks.Et(2026, 12, 4, 17, 0);

    private AlpacaHarness(FakeTimeProvider clock, BarGrid grid, IBarSource minutes,
        MockVendorServer server)
    {
        Clock = clock;
        Grid = grid;
        Minutes = minutes;
        Server = server;
        Capture = new CapturingHandler();
        Http = new HttpClient(Capture);
    }

    /// <summary>Millisecond retries; a breaker that stays shut unless a test trips it.</summary>
    public static VendorResilienceOptions Fast => new()
    {
        MaxRetries = 3,
        FirstBackoff = TimeSpan.FromMilliseconds(1),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(20),
        BreakMinimumThroughput = 1000,
    };

    public FakeTimeProvider Clock { get; }

    public BarGrid Grid { get; }

    /// <summary>The source the mock serves from: the truth a client's bars must equal.</summary>
    public IBarSource Minutes { get; }

    public MockVendorServer Server { get; }

    public MockFaults Faults => Server.Faults;

    public RequestLog Requests => Server.Requests;

    /// <summary>Every request the clients sent and the X-Request-ID of each reply.</summary>
    public CapturingHandler Capture { get; }

    public HttpClient Http { get; }

    /// <summary>Synthetic minutes; the market clock at <paramref name="now"/>, else Now.</summary>
    public static Task<AlpacaHarness> StartAsync(Instant? now = null) =>
        StartAsync((clock, grid) => new SyntheticBarSource(clock, grid), now);

    public static async Task<AlpacaHarness> StartAsync(
        Func<TimeProvider, BarGrid, IBarSource> minutes, Instant? now = null)
    {
        var clock = new FakeTimeProvider((now ?? Now).ToDateTimeOffset());
        var grid = Calendars.Grid();
        var source = minutes(clock, grid);
        var server = await MockVendorServer.StartAsync(new MockVendorOptions
        {
            Minutes = source,
            Clock = clock,
            AlpacaKeyId = KeyId,
            AlpacaSecretKey = SecretKey,
        });
        return new AlpacaHarness(clock, grid, source, server);
    }

    public AlpacaBarSource Client(
        Action<AlpacaOptions>? configure = null,
        VendorResilienceOptions? resilience = null,
        Action<ReplyIssues>? onIssues = null,
        TimeProvider? clock = null)
    {
        var options = new AlpacaOptions
        {
            BaseAddress = Server.BaseAddress,
            KeyId = KeyId,
            SecretKey = SecretKey,
        };
        configure?.Invoke(options);
        return new AlpacaBarSource(
            Http, options, Grid, clock ?? TimeProvider.System, resilience ?? Fast, onIssues);
    }

    /// <summary>The bars the minute source itself gives: what a clean fetch must equal.</summary>
    public async Task<BarBatch> TruthAsync(BarRequest request)
    {
        var bars = new Dictionary<Symbol, IReadOnlyList<Candle>>();
        foreach (var chunk in request.Symbols.Chunk(Minutes.Limits.MaxSymbolsPerRequest))
        {
            var batch = await Minutes.FetchAsync(request with { Symbols = chunk },
                CancellationToken.None);
            foreach (var (symbol, candles) in batch.Bars)
                bars[symbol] = candles;
        }

        return new BarBatch(bars);
    }

    public static BarRequest Request(
        IEnumerable<string> symbols, Domain.Intervals.BarInterval interval, Instant from,
        Instant to) =>
        new([.. symbols.Select(Symbol.Parse)], interval, new TimeRange(from, to));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
