using System.Diagnostics;
using System.Globalization;
using Akka.Collector.Bench;
using Akka.Collector.Bench.Store;

// build.ps1 bench: a whole node against the mock vendor, timing one scheduled 1m round at 600
// and 10,000 symbols against the floor the vendor's latency sets, and the peak memory; then
// the stores' write rates next to psql and sqlite3 writing the same rows (Store/StoreBench).
//   dotnet run -c Release --project tests/Akka.Collector.Bench --
//       [--symbols 600,10000] [--latency-ms 20] [--runs 5] [--out artifacts/bench]
//       [--only round|store] [--rows 1000000]
// Numbers print with a '.' wherever it runs: globalization is invariant (Directory.Build.props).
const string PeakMarker = "peak-working-set-bytes ";
const double RoundTarget = 1.2;
const double MemoryBudgetMb = 400;

var latency = TimeSpan.FromMilliseconds(Number("--latency-ms", 20));

// A child of the bench itself (see PeakMemoryAsync): one node, then its peak, nothing else.
if (Option("--peak-memory") is { } only)
{
    await RoundBench.RunAsync(int.Parse(only, CultureInfo.InvariantCulture), latency);
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    Console.WriteLine($"{PeakMarker}{process.PeakWorkingSet64}");
    return 0;
}

var output = Option("--out") ?? Path.Combine(RepositoryRoot(), "artifacts", "bench");
var runs = Number("--runs", 5);
var part = Option("--only");
var figures = new List<Figure>();
if (part != "store")
    await RoundFiguresAsync();
if (part != "round")
    await StoreFiguresAsync();

Console.WriteLine();
Console.WriteLine(Figure.Header);
foreach (var figure in figures)
{
    Console.WriteLine(figure.Row());
    figure.WriteTo(output);
}

Console.WriteLine();
if (part != "store")
{
    Console.WriteLine(
        "round: median of the runs (the next minute's round; first contact: the node's " +
        "first, opening its connections) against ⌈minimum requests / concurrency⌉ × latency, the " +
        "minimum being ⌈N / batch⌉ plus the pages its bars need; memory: peak working set " +
        $"of a process running one node and the mock vendor, against {MemoryBudgetMb} MB");
}

if (part != "round")
{
    Console.WriteLine(
        "store: bars/s of the store against the engine's own loader writing the same rows " +
        "into an identical table in the same run (psql \\copy; psql COPY to staging + one " +
        "upsert; sqlite3 .import)");
}

Console.WriteLine($"figures written to {output}");
return 0;

async Task StoreFiguresAsync()
{
    var rows = Number("--rows", 1_000_000);
    if (rows < BenchRows.BarsPerSymbol || rows % BenchRows.BarsPerSymbol != 0)
        throw new ArgumentException($"--rows must be a multiple of {BenchRows.BarsPerSymbol}");

    var scratch = Path.Combine(output, "store-scratch");
    Console.WriteLine($"store: {rows} bars, in batches of {BenchRows.SymbolsPerBatch} symbols "
        + $"x {BenchRows.BarsPerSymbol} bars; scratch files in {scratch}");
    try
    {
        figures.AddRange(await new StoreBench(new BenchRows(rows), scratch).RunAsync());
    }
    finally
    {
        Directory.Delete(scratch, recursive: true);
    }
}

async Task RoundFiguresAsync()
{
    int[] sizes = [.. (Option("--symbols") ?? "600,10000").Split(',')
        .Select(s => int.Parse(s, CultureInfo.InvariantCulture))];

    // A node first, unreported, so that the measured rounds do not pay for first use: types
    // loaded, statics built, and (with tiered compilation off, see the project file) every
    // method of the round compiled once, optimised, as in a node that has run a while.
    Console.WriteLine("warming up (2000 symbols, not reported) ...");
    await RoundBench.RunAsync(2000, latency);

    foreach (var n in sizes)
    {
        // Each run is a fresh node and a fresh mock; the median run is reported.
        var firsts = new List<RoundResult>();
        var steadies = new List<RoundResult>();
        for (var run = 1; run <= runs; run++)
        {
            var pair = await RoundBench.RunAsync(n, latency);
            foreach (var (r, what) in new[] { (pair.First, "first"), (pair.Steady, "next") })
            {
                if (r.Failed > 0 || r.Done != n)
                {
                    throw new InvalidOperationException(
                        $"the measured round did {r.Done} of {n} symbols, {r.Failed} failed");
                }

                Console.WriteLine(
                    $"{n} symbols, run {run}, {what} round: {r.Measured.TotalMilliseconds:0.0} " +
                    $"ms (process CPU {r.Cpu.TotalMilliseconds:0} ms, GC pauses " +
                    $"{r.GcPaused.TotalMilliseconds:0} ms), served {r.Served} requests " +
                    $"({r.Pages} further pages, {r.Bars} bars)");
                Console.WriteLine($"  ms from the clock's move: {r.Timeline}");
            }

            firsts.Add(pair.First);
            steadies.Add(pair.Steady);
        }

        var first = Median(firsts);
        var median = Median(steadies);
        Console.WriteLine(
            $"{n} symbols: batch {median.Batch}, concurrency {median.Concurrency}, latency " +
            $"{median.Latency.TotalMilliseconds:0} ms; minimum {median.Minimum} requests, " +
            $"floor {median.Floor.TotalMilliseconds:0} ms; median round " +
            $"{median.Measured.TotalMilliseconds:0.0} ms (first contact " +
            $"{first.Measured.TotalMilliseconds:0.0} ms)");

        figures.Add(new Figure($"round-1m-{n}", $"1m round, {n} symbols",
            Math.Round(median.Measured.TotalMilliseconds, 1), median.Floor.TotalMilliseconds,
            "ms", RoundTarget));
        figures.Add(new Figure($"round-1m-{n}-first", $"first contact, {n} symbols",
            Math.Round(first.Measured.TotalMilliseconds, 1), first.Floor.TotalMilliseconds,
            "ms", RoundTarget));
        figures.Add(new Figure($"requests-1m-{n}", $"requests served, {n} symbols",
            Math.Max(median.Served, first.Served), median.Minimum, "requests", 1.0));
    }

    // This process has run a dozen nodes by now and its peak holds what each left behind, so
    // a fresh one runs a single node of the largest universe. It hosts the mock vendor too:
    // its peak is an upper bound on the node's own.
    var largest = sizes.Max();
    Console.WriteLine($"peak memory: one node of {largest} symbols in a process of its own ...");
    figures.Add(new Figure($"peak-memory-{largest}", $"peak working set, {largest} symbols",
        Math.Round(await PeakMemoryAsync(largest) / 1024.0 / 1024.0, 1), MemoryBudgetMb, "MB",
        1.0));
}

async Task<long> PeakMemoryAsync(int symbols)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };

    // Started as `dotnet Akka.Collector.Bench.dll` or as its own executable.
    if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        start.ArgumentList.Add(typeof(RoundBench).Assembly.Location);
    start.ArgumentList.Add("--peak-memory");
    start.ArgumentList.Add($"{symbols}");
    start.ArgumentList.Add("--latency-ms");
    start.ArgumentList.Add($"{latency.TotalMilliseconds}");

    using var child = Process.Start(start)!;
    var said = await child.StandardOutput.ReadToEndAsync();
    await child.WaitForExitAsync();
    var line = said.Split('\n')
        .LastOrDefault(l => l.StartsWith(PeakMarker, StringComparison.Ordinal));
    if (child.ExitCode != 0 || line is null)
    {
        throw new InvalidOperationException($"the peak-memory run exited with " +
            $"{child.ExitCode}: {said[^Math.Min(said.Length, 2000)..]}");
    }

    return long.Parse(line[PeakMarker.Length..].Trim(), CultureInfo.InvariantCulture);
}

static RoundResult Median(List<RoundResult> results) =>
    results.OrderBy(r => r.Measured).ElementAt(results.Count / 2);

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int Number(string name, int fallback) =>
    Option(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

// The folder holding the solution, from wherever the program was started.
static string RepositoryRoot()
{
    var dir = new DirectoryInfo(Environment.CurrentDirectory);
    for (; dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Akka.Collector.sln")))
            return dir.FullName;
    }

    return Environment.CurrentDirectory;
}
