using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Synthetic;
using Akka.Collector.Vendors.Tests.Support;

namespace Akka.Collector.Vendors.Tests.Synthetic;

public sealed class SyntheticShapeTests
{
    private static readonly string[] Tickers =
        ["AAPL", "MSFT", "NVDA", "BRK.B", "BF-B", "F", "T", "ZZZZ", "QQQ", "IWM", "XOM", "KO"];

    [Fact]
    public async Task Minutes_are_plausible_prices_in_cents()
    {
        // arrange
        var source = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());

        // act
        var batch = await source.Batch(Tickers, BarInterval.M1,
            Clocks.Et(2026, 12, 1, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));

        // assert
        foreach (var ticker in Tickers)
        {
            var bars = batch.For(Domain.Symbols.Symbol.Parse(ticker));
            Assert.All(bars, b =>
            {
                Assert.Null(b.Inconsistency());
                Assert.InRange(b.Low, 10m, 700m);
                Assert.True(b.Volume > 0);
                Assert.All([b.Open, b.High, b.Low, b.Close], p => Assert.Equal(p, Cents(p)));
            });

            // Continuity: an open sits within a small step of the previous close.
            foreach (var (before, after) in bars.Zip(bars.Skip(1)))
                Assert.InRange(Math.Abs(after.Open - before.Close) / before.Close, 0m, 0.03m);
        }
    }

    [Fact]
    public async Task Base_prices_spread_over_the_plausible_range()
    {
        var source = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());
        var symbols = Enumerable.Range(0, 200).Select(i => $"T{i}").ToArray();

        var batch = await source.Batch(symbols, BarInterval.D1,
            Clocks.Et(2026, 12, 4, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));

        var closes = batch.Bars.Values.Select(bars => Assert.Single(bars).Close).ToList();
        Assert.Equal(200, closes.Count);
        Assert.All(closes, c => Assert.InRange(c, 14m, 700m));
        Assert.Contains(closes, c => c < 50m);
        Assert.Contains(closes, c => c > 250m);
    }

    [Fact]
    public async Task Some_minutes_have_no_trade_but_the_open_and_close_always_do()
    {
        // arrange
        var source = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());

        // act
        var batch = await source.Batch(Tickers, BarInterval.M1,
            Clocks.Et(2026, 12, 4, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));

        // assert
        var counts = batch.Bars.Values.Select(b => b.Count).ToList();
        Assert.Equal(Tickers.Length, counts.Count);
        Assert.All(counts, c => Assert.InRange(c, 250, 390));
        Assert.True(counts.Sum() < 390 * Tickers.Length, "no minute was ever empty");
        Assert.All(batch.Bars.Values, bars =>
        {
            Assert.Equal(Clocks.Et(2026, 12, 4, 9, 30), bars[0].Start);
            Assert.Equal(Clocks.Et(2026, 12, 4, 15, 59), bars[^1].Start);
        });
    }

    [Fact]
    public async Task Volume_is_heavier_near_the_open_and_close_than_at_midday()
    {
        var source = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());

        var half = await source.Bars("AAPL", BarInterval.M30,
            Clocks.Et(2026, 12, 4, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));

        Assert.Equal(13, half.Count);
        var midday = half[6].Volume;
        Assert.True(half[0].Volume > 2 * midday, $"open {half[0].Volume} vs midday {midday}");
        Assert.True(half[^1].Volume > 2 * midday, $"close {half[^1].Volume} vs midday {midday}");
    }

    private static decimal Cents(decimal p) => Math.Round(p, 2);
}
