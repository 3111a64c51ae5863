using Akka.Collector.Domain.Intervals;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.Vendors.Synthetic;
using Akka.Collector.Domain.Alignment;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Incident;

/// <summary>
/// The incident of the system this replaces, as tests: one global "collecting" flag let the
/// 1m run starve every other interval. Here each interval runs its own rounds, on virtual time.
/// </summary>
public sealed class ConcurrentIntervalsTests
{
    private static readonly string[] Universe = ["AAPL", "MSFT", "NVDA", "SPY", "BRK.B"];

    // Thursday 2026-12-03, an ordinary full session.
    private static readonly Instant Noon = Et.At(2026, 12, 3, 12, 0);

    [Fact]
    public async Task At_noon_the_1m_2m_5m_15m_and_30m_rounds_all_store_their_bars()
    {
        // arrange: a node that has finished its start-up rounds just before noon
        await using var node = await TestNode.StartAsync(Noon - Duration.FromSeconds(40), Universe);
        await node.WaitForStartupRoundsAsync();

        // act: the clock reaches 12:00 plus the settle delay
        node.AdvanceTo(Noon + Duration.FromSeconds(5));

        // assert: every interval closing at noon ran a complete round up to noon
        BarInterval[] closing =
            [BarInterval.M1, BarInterval.M2, BarInterval.M5, BarInterval.M15, BarInterval.M30];
        foreach (var interval in closing)
        {
            var round = await node.Rounds.WaitAsync(
                r => r.Interval == interval && r.UpTo == Noon, $"{interval} round up to noon");
            Assert.Equal(Universe.Length, round.SymbolsDone);
            Assert.Equal(0, round.SymbolsFailed);

            var marks = await node.Store.ReadWatermarksAsync(
                Domain.Symbols.Symbol.Parse("AAPL"), default);
            Assert.True(
                marks[interval] >= Noon, $"{interval} watermark {marks[interval]} is before noon");
        }

        var fiveMinute = await node.Store.ReadNewestAsync(
            Domain.Symbols.Symbol.Parse("MSFT"), BarInterval.M5, default);
        Assert.Equal(Noon - Duration.FromMinutes(5), fiveMinute!.Value.Start);
    }

    [Fact]
    public async Task At_12_15_the_1m_5m_and_15m_rounds_store_theirs_even_when_a_1m_call_hangs()
    {
        // arrange: a vendor whose next 1m request will never answer
        HangingVendor? vendor = null;
        var quarter = Noon + Duration.FromMinutes(15);
        await using var node = await TestNode.StartAsync(
            quarter - Duration.FromSeconds(100),
            Universe,
            vendor: sp => vendor = new HangingVendor(
                new SyntheticBarSource(
                    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<BarGrid>()),
                BarInterval.M1));
        await node.WaitForStartupRoundsAsync();

        // act: the 12:14 round's 1m call hangs; its timeout passes; the clock reaches 12:15
        vendor!.HangNextRequest();
        node.AdvanceTo(quarter - Duration.FromSeconds(55));
        await vendor.HangStarted.WaitAsync(TimeSpan.FromSeconds(60));

        for (var t = node.Now; t <= quarter - Duration.FromSeconds(20);
            t += Duration.FromSeconds(1))
            node.AdvanceTo(t);
        var abandoned = await node.Rounds.WaitAsync(
            r => r.Interval == BarInterval.M1 && r.UpTo == quarter - Duration.FromMinutes(1),
            "the 12:14 1m round");
        await node.WaitForTimersAsync();
        node.AdvanceTo(quarter + Duration.FromSeconds(5));

        // assert: the hung call failed its round without wedging anything, and 1m, 5m and 15m
        // all stored up to 12:15 with the clock standing at 12:15:05
        Assert.Equal(Universe.Length, abandoned.SymbolsFailed);
        foreach (var interval in new[] { BarInterval.M1, BarInterval.M5, BarInterval.M15 })
        {
            var round = await node.Rounds.WaitAsync(
                r => r.Interval == interval && r.UpTo == quarter, $"{interval} round up to 12:15");
            Assert.Equal(Universe.Length, round.SymbolsDone);
            Assert.True(round.EndedAt - quarter <= Duration.FromSeconds(10),
                $"{interval} round ended {round.EndedAt}, too long after 12:15");
        }

        // the minutes of the failed round are not a gap: the 12:15 round fetched them too
        var coverage = await node.Store.ReadCoverageAsync(
            Domain.Symbols.Symbol.Parse("AAPL"), BarInterval.M1, default);
        Assert.Contains(
            coverage, r => r.From <= quarter - Duration.FromMinutes(3) && r.To >= quarter);
    }
}
