using System.Diagnostics;
using System.Text;
using Akka.Actor;
using Akka.Collector.Actors;
using Akka.Collector.Actors.Intervals;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.MockVendor;
using Akka.Collector.Node;
using Akka.Collector.Node.Composition;
using Akka.Collector.Vendors;
using Akka.Collector.Vendors.Synthetic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Extensions;

namespace Akka.Collector.Bench;

/// <summary>What one scheduled 1m round cost, next to the floor the vendor latency sets.</summary>
/// <param name="Batch">Symbols a request of the node's Alpaca client names (its largest).</param>
/// <param name="Concurrency">collector.vendor.concurrency-per-interval.</param>
/// <param name="Minimum">⌈N / batch⌉ plus the pages the round's bars need.</param>
/// <param name="Floor">⌈minimum / concurrency⌉ × latency.</param>
public sealed record RoundResult(
    int Symbols,
    TimeSpan Latency,
    int Batch,
    int Concurrency,
    TimeSpan Measured,
    TimeSpan Cpu,
    TimeSpan GcPaused,
    int Served,
    int Pages,
    int Bars,
    int Minimum,
    TimeSpan Floor,
    int Done,
    int Failed,
    string Timeline);

/// <summary>The node's first round with data, and the round of the bar after it.</summary>
/// <param name="First">The node's first contact with the vendor: connections open in it.</param>
/// <param name="Steady">The next minute's: as every round of a node's day after its first.</param>
public sealed record RoundPair(RoundResult First, RoundResult Steady);

/// <summary>
/// One node in this process on the real Alpaca client, against the mock vendor on loopback.
/// The market clock stands at 09:31:04 ET on a full session day with one session of backfill,
/// so the start-up rounds have nothing to fetch yet; the clock then moves to the 09:31 close
/// plus the settle delay, and the round that fetches the 09:30 bar of every symbol is timed
/// in real time, from the clock's move to its round report; then, after the 09:32 rounds
/// (1m and 2m) have run unmeasured, the 1m round of 09:33 the same way (no wall time
/// passes between them but the rounds' own).
/// </summary>
public static class RoundBench
{
    // Alpaca's most bars on one page; the mock pages at the same limit.
    public const int PageLimit = 10_000;

    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    // Thursday 2026-12-03, four seconds before the first 1m round of the session.
    private static readonly Instant Start =
        new LocalDateTime(2026, 12, 3, 9, 31, 4).InZoneStrictly(NewYork).ToInstant();

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(10);

    public static async Task<RoundPair> RunAsync(int symbols, TimeSpan latency)
    {
        var clock = new FakeTimeProvider(Start.ToDateTimeOffset());
        var grid = new BarGrid(CalendarFile.LoadEmbeddedNyse());
        await using var mock = await MockVendorServer.StartAsync(new MockVendorOptions
        {
            Minutes = new SyntheticBarSource(clock, grid),
            Clock = clock,
        });

        var directory = Path.Combine(
            Path.GetTempPath(), "collector-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var secrets = Path.Combine(directory, "vendor.env");
            await File.WriteAllLinesAsync(secrets,
            [
                $"ALPACA_API_KEY_ID={mock.Options.AlpacaKeyId}",
                $"ALPACA_API_SECRET_KEY={mock.Options.AlpacaSecretKey}",
            ]);

            // ASP.NET's own start-up lines would drown the table; the node's warnings stay.
            var app = CollectorNode.Build(
                ["--Logging:LogLevel:Default=Warning"],
                new NodeOverrides
                {
                    Clock = clock,
                    Hocon = Hocon(Universe(symbols), mock.BaseAddress, secrets, directory),
                });
            await app.StartAsync();
            try
            {
                return await MeasureAsync(app.Services, clock, mock, symbols, latency);
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }
        }
        finally
        {
            TryDelete(directory);
        }
    }

    private static async Task<RoundPair> MeasureAsync(
        IServiceProvider services, FakeTimeProvider clock, MockVendorServer mock, int symbols,
        TimeSpan latency)
    {
        var rounds = new RoundWatcher(services.GetRequiredService<ActorSystem>());
        foreach (var interval in BarInterval.All)
        {
            await rounds.WaitAsync(r => r.Interval == interval && r.RoundId == 1,
                $"the start-up {interval} round", StartupTimeout);
        }

        var oneMinute = services.GetRequiredService<IntervalDirectory>().For(BarInterval.M1);
        var due = await NextTickAsync(oneMinute, clock);

        // The start-up rounds must have had nothing to fetch, or the round measured below is
        // not the one described above; the latency applies from here.
        if (mock.Requests.Count > 0)
        {
            throw new InvalidOperationException(
                $"the start-up rounds asked the vendor {mock.Requests.Count} times, expected none");
        }

        mock.Faults.Latency = latency;
        var first = await MeasureRoundAsync(services, clock, mock, rounds, symbols, latency,
            roundId: 2, due);

        // 09:32 closes a 2m bar too, whose round would share the cores: it runs unmeasured.
        due = await NextTickAsync(oneMinute, clock);
        clock.Advance(due - clock.GetUtcNow());
        await rounds.WaitAsync(r => r.Interval == BarInterval.M1 && r.RoundId == 3,
            "the 09:32 1m round", StartupTimeout);
        await rounds.WaitAsync(r => r.Interval == BarInterval.M2 && r.RoundId == 2,
            "the 09:32 2m round", StartupTimeout);

        // 09:33 closes the 1m bar alone: connections are open and every method has run, as
        // in most minutes of a node's day.
        due = await NextTickAsync(oneMinute, clock);
        mock.Requests.Clear();
        var steady = await MeasureRoundAsync(services, clock, mock, rounds, symbols, latency,
            roundId: 4, due);
        return new RoundPair(first, steady);
    }

    private static async Task<RoundResult> MeasureRoundAsync(
        IServiceProvider services, FakeTimeProvider clock, MockVendorServer mock,
        RoundWatcher rounds, int symbols, TimeSpan latency, long roundId, DateTimeOffset due)
    {
        // The round pays for collecting its own garbage, not what ran before it, as a
        // benchmark iteration does in BenchmarkDotNet: a collection now, before the clock moves.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Process CPU and GC pauses over the round, node and mock together: what the round
        // shared its cores with, to explain a run slower than the others.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var paused = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        var moved = Stopwatch.GetTimestamp();
        clock.Advance(due - clock.GetUtcNow());
        var round = await rounds.WaitAsync(
            r => r.Interval == BarInterval.M1 && r.RoundId == roundId,
            $"the measured 1m round {roundId}", TimeSpan.FromMinutes(5));
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        paused = GC.GetTotalPauseDuration() - paused;

        var served = mock.Requests.All;
        var bars = served.Sum(r => r.BarsServed);
        var batch = services.GetRequiredService<IBarSource>().Limits.MaxSymbolsPerRequest;
        var concurrency = services.GetRequiredService<CollectionSettings>().ConcurrencyPerInterval;

        // The requests the data needs whatever the client does: one per full batch, and
        // further pages only where the bars overflow pages of 10000.
        var requests = Ceiling(symbols, batch);
        var minimum = requests + Math.Max(0, Ceiling(bars, PageLimit) - requests);
        var floor = latency * Ceiling(minimum, concurrency);

        return new RoundResult(symbols, latency, batch, concurrency, watch.Elapsed, cpu, paused,
            served.Count, served.Count(r => r.PageToken is not null), bars, minimum, floor,
            round.SymbolsDone, round.SymbolsFailed, Timeline(served, moved, watch.Elapsed));
    }

    // Where the round's time went: each request's arrival at the mock and its reply's start,
    // in ms from the clock's move, then the round's report. Gaps between a reply and the
    // next arrival are the node's own time between requests.
    private static string Timeline(
        IReadOnlyList<ServedRequest> served, long moved, TimeSpan round)
    {
        static string Ms(long from, long to) =>
            Stopwatch.GetElapsedTime(from, to).TotalMilliseconds.ToString("0.0");

        var steps = served.OrderBy(r => r.ArrivedStamp)
            .Select(r => $"{Ms(moved, r.ArrivedStamp)}-{Ms(moved, r.RepliedStamp)}");
        return $"requests {string.Join(" ", steps)}; report {round.TotalMilliseconds:0.0}";
    }

    // Moving the clock before the collector has armed its timer would slip past the close.
    private static async Task<DateTimeOffset> NextTickAsync(IActorRef collector, TimeProvider clock)
    {
        while (true)
        {
            var status = await collector.Ask<IntervalProtocol.Status>(
                new IntervalProtocol.GetStatus(BarInterval.M1), TimeSpan.FromSeconds(30));
            if (status.NextTickAt is { } next && next.ToDateTimeOffset() > clock.GetUtcNow())
                return next.ToDateTimeOffset();
            await Task.Yield();
        }
    }

    private static string Hocon(
        IReadOnlyList<string> universe, Uri vendor, string secrets, string directory)
    {
        static string Quoted(string path) => "\"" + path.Replace("\\", "/") + "\"";

        var hocon = new StringBuilder();
        hocon.AppendLine($$"""
            collector {
              node.port = 0
              gateway.port = 0
              store.sqlite-path = {{Quoted(Path.Combine(directory, "collector.db"))}}
              vendor {
                kind = alpaca
                alpaca.base-url = "{{vendor}}"
                secrets-file = {{Quoted(secrets)}}
              }
              collection.backfill-sessions {
                1m = 1, 2m = 1, 5m = 1, 15m = 1, 30m = 1, 1h = 1, 2h = 1, 4h = 1, 1d = 1
              }
            }
            akka.loglevel = WARNING
            """);
        hocon.Append("collector.universe.symbols = [").AppendJoin(", ", universe).AppendLine("]");
        return hocon.ToString();
    }

    /// <summary>Four-letter tickers AAAA, AAAB, ...: as long as most real ones.</summary>
    private static List<string> Universe(int count)
    {
        var names = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var letters = new char[4];
            for (int k = 3, n = i; k >= 0; k--, n /= 26)
                letters[k] = (char)('A' + n % 26);
            names.Add(new string(letters));
        }

        return names;
    }

    private static int Ceiling(int value, int by) => (value + by - 1) / by;

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool thread; the temp folder is cleaned by the OS later.
        }
    }
}
