using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.MockVendor;
using Akka.Collector.Vendors;
using Akka.Collector.Vendors.Synthetic;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Vendors;

/// <summary>
/// A whole node on a real vendor client (collector.vendor.kind = alpaca or polygon), pointed
/// at the mock vendor over loopback. The mock serves synthetic minutes on the node's own
/// fake market clock, so both agree on which bars have closed; the keys reach the node the
/// production way, through a secrets file.
/// </summary>
public sealed class MockVendorNode : IAsyncDisposable
{
    private const string AlpacaKeyId = "PKE2EKEY4D2A";
    private const string AlpacaSecret = "e2e-alpaca-secret-91c3";
    private const string PolygonKey = "e2e-polygon-key-5b7e";

    private readonly string _secrets;

    private MockVendorNode(TestNode node, MockVendorServer mock, IBarSource minutes, string secrets)
    {
        Node = node;
        Mock = mock;
        Minutes = minutes;
        _secrets = secrets;
    }

    public TestNode Node { get; }

    public MockVendorServer Mock { get; }

    /// <summary>What the mock serves from: the truth the stored bars must equal.</summary>
    public IBarSource Minutes { get; }

    /// <param name="kind">alpaca or polygon.</param>
    /// <param name="hocon">Collector settings after the vendor's (they win).</param>
    public static async Task<MockVendorNode> StartAsync(
        string kind, Instant startAt, IReadOnlyList<string> symbols, string hocon = "")
    {
        var clock = new FakeTimeProvider(startAt.ToDateTimeOffset());
        var minutes = new SyntheticBarSource(clock, new BarGrid(CalendarFile.LoadEmbeddedNyse()));
        var mock = await MockVendorServer.StartAsync(new MockVendorOptions
        {
            Minutes = minutes,
            Clock = clock,
            AlpacaKeyId = AlpacaKeyId,
            AlpacaSecretKey = AlpacaSecret,
            PolygonApiKey = PolygonKey,
        });

        var secrets = Path.Combine(Path.GetTempPath(), $"collector-e2e-{Guid.NewGuid():N}.env");
        await File.WriteAllLinesAsync(secrets,
        [
            $"ALPACA_API_KEY_ID={AlpacaKeyId}",
            $"ALPACA_API_SECRET_KEY={AlpacaSecret}",
            $"POLYGON_API_KEY={PolygonKey}",
        ]);

        var vendor = $$"""
            collector.vendor {
              kind = {{kind}}
              secrets-file = "{{secrets.Replace("\\", "/")}}"
              alpaca.base-url = "{{mock.BaseAddress}}"
              polygon.base-url = "{{mock.BaseAddress}}"
            }
            """;
        try
        {
            var node = await TestNode.StartAsync(
                startAt, symbols, vendor + "\n" + hocon, clock: clock);
            return new MockVendorNode(node, mock, minutes, secrets);
        }
        catch
        {
            await mock.DisposeAsync();
            File.Delete(secrets);
            throw;
        }
    }

    /// <summary>The synthetic bars of [from, to) per symbol, as the mock builds them.</summary>
    public async Task<IReadOnlyDictionary<Symbol, IReadOnlyList<Candle>>> TruthAsync(
        IEnumerable<Symbol> symbols, BarInterval interval, Instant from, Instant to)
    {
        var truth = new Dictionary<Symbol, IReadOnlyList<Candle>>();
        foreach (var chunk in symbols.Chunk(Minutes.Limits.MaxSymbolsPerRequest))
        {
            var batch = await Minutes.FetchAsync(
                new BarRequest(chunk, interval, new TimeRange(from, to)), CancellationToken.None);
            foreach (var symbol in chunk)
                truth[symbol] = batch.For(symbol);
        }

        return truth;
    }

    /// <summary>
    /// Every symbol's stored bars of [from, to) equal the truth, one bar per start: nothing
    /// missing, nothing twice, nothing changed.
    /// </summary>
    public async Task AssertStoredEqualsTruthAsync(
        IReadOnlyList<string> symbols, BarInterval interval, Instant from, Instant to)
    {
        var parsed = symbols.Select(Symbol.Parse).ToList();
        var truth = await TruthAsync(parsed, interval, from, to);
        foreach (var symbol in parsed)
        {
            var stored = await Node.Store.ReadAsync(
                symbol, interval, from, to, 1_000_000, CancellationToken.None);
            Assert.True(stored.Select(c => c.Start).Distinct().Count() == stored.Count,
                $"{symbol} {interval}: a start stored twice");
            Assert.True(truth[symbol].SequenceEqual(stored),
                $"{symbol} {interval}: stored {stored.Count} bars, the vendor has " +
                $"{truth[symbol].Count} in [{from}, {to})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await Mock.DisposeAsync();
        File.Delete(_secrets);
    }
}
