using System.Diagnostics;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store.Tests.Support;
using Xunit.Abstractions;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests;

/// <summary>
/// Large batches, timed and reported (run with a detailed console logger to see the rates).
/// Only the counts are asserted: on a shared build machine a time limit would be flaky.
/// </summary>
public sealed class WriteRateTests(ITestOutputHelper output)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Should_write_a_hundred_thousand_bars_in_one_batch()
    {
        // arrange: 1,000 symbols with 100 one-minute bars each, one write per symbol
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var batch = Enumerable.Range(0, 1_000)
            .Select(i => OneMinuteBars(Symbol.Parse($"S{i}"), 0, 100))
            .ToList();

        // act: a first write, then the same batch again (all conflicts, nothing changed)
        var fresh = await TimeAsync(() => store.WriteAsync(batch, None));
        var again = await TimeAsync(() => store.WriteAsync(batch, None));

        // assert
        Assert.Equal(100_000, db.Scalar("SELECT COUNT(*) FROM candles"));
        Assert.Equal(1_000, db.Scalar("SELECT COUNT(*) FROM coverage"));
        Report("100,000 bars, new", 100_000, fresh);
        Report("100,000 bars, rewritten", 100_000, again);
    }

    [Fact]
    public async Task Should_write_a_one_minute_round_of_ten_thousand_symbols_in_one_batch()
    {
        // arrange: one new bar and one covered minute per symbol, after a first round
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var symbols = Enumerable.Range(0, 10_000).Select(i => Symbol.Parse($"S{i}")).ToList();
        await store.WriteAsync(symbols.Select(s => OneMinuteBars(s, 0, 1)).ToList(), None);
        var round = symbols.Select(s => OneMinuteBars(s, 1, 2)).ToList();

        // act
        var elapsed = await TimeAsync(() => store.WriteAsync(round, None));

        // assert: each symbol's coverage merged into one row
        Assert.Equal(20_000, db.Scalar("SELECT COUNT(*) FROM candles"));
        Assert.Equal(10_000, db.Scalar("SELECT COUNT(*) FROM coverage"));
        Report("10,000 symbols x 1 bar + coverage merge", 10_000, elapsed);
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> act)
    {
        var clock = Stopwatch.StartNew();
        await act();
        return clock.Elapsed;
    }

    private void Report(string what, int bars, TimeSpan elapsed) =>
        output.WriteLine(
            $"{what}: {elapsed.TotalMilliseconds:F0} ms, {bars / elapsed.TotalSeconds:F0} bars/s");
}
