using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Queue;

/// <summary>
/// Vendors restate recent bars after late trades: each round fetches the last bars again and
/// a restated bar replaces the stored one, even when its high went down and its low up.
/// </summary>
public sealed class CorrectionTests
{
    [Fact]
    public async Task A_restated_bar_replaces_the_stored_one_at_the_next_round()
    {
        // arrange: the 11:59 1m bar of AAPL is stored as the vendor first gave it
        ScriptedVendor? vendor = null;
        await using var node = await TestNode.StartAsync(
            NoonNode.Noon + Duration.FromSeconds(40), NoonNode.Universe,
            vendor: sp => vendor = new ScriptedVendor(Synthetic.For(sp)));
        await node.WaitForStartupRoundsAsync();
        var aapl = Symbol.Parse("AAPL");
        var start = NoonNode.Noon - Duration.FromMinutes(1);
        var before = await BarAtAsync(node, aapl, start);

        // act: the vendor narrows that bar (high down, low up); 12:01 closes
        var narrow = Math.Round((before.High - before.Low) / 4, 2);
        var restated = before with
        {
            High = before.High - narrow,
            Low = before.Low + narrow,
            Open = Math.Clamp(before.Open, before.Low + narrow, before.High - narrow),
            Close = Math.Clamp(before.Close, before.Low + narrow, before.High - narrow),
            Volume = before.Volume + 100,
        };
        vendor!.Restate((symbol, bar) => symbol == aapl && bar.Start == start ? restated : bar);
        node.AdvanceTo(NoonNode.Noon + Duration.FromSeconds(65));
        await node.Rounds.WaitAsync(
            r => r.Interval == BarInterval.M1 && r.UpTo == NoonNode.Noon + Duration.FromMinutes(1),
            "the 12:01 1m round");

        // assert: the store holds the restated bar, once
        Assert.True(narrow > 0, "the sample bar is too narrow to restate");
        var after = await node.Store.ReadAsync(
            aapl, BarInterval.M1, start, start + Duration.FromMinutes(1), 10, default);
        Assert.Equal([restated], after);
    }

    private static async Task<Domain.Candles.Candle> BarAtAsync(
        TestNode node, Symbol symbol, Instant start)
    {
        var bars = await node.Store.ReadAsync(
            symbol, BarInterval.M1, start, start + Duration.FromMinutes(1), 10, default);
        return Assert.Single(bars);
    }
}
