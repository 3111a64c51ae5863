using Akka.Collector.Domain.Symbols;

namespace Akka.Collector.Vendors.Tests.Alpaca;

internal static class Batches
{
    /// <summary>Same symbols, and for each the same bars in the same order.</summary>
    public static void AssertSame(BarBatch expected, BarBatch actual)
    {
        Assert.Equal(Keys(expected), Keys(actual));
        foreach (var (symbol, bars) in expected.Bars)
            Assert.Equal(bars, actual.For(symbol));
    }

    /// <summary>Every symbol's bars strictly ascending: ordered, and no start twice.</summary>
    public static void AssertDuplicateFree(BarBatch batch) =>
        Assert.All(batch.Bars.Values, bars =>
            Assert.All(bars.Zip(bars.Skip(1)),
                pair => Assert.True(pair.First.Start < pair.Second.Start)));

    public static int BarCount(BarBatch batch) => batch.Bars.Values.Sum(b => b.Count);

    private static List<string> Keys(BarBatch batch) =>
        [.. batch.Bars.Keys.Select(s => s.Value).Order(StringComparer.Ordinal)];

    public static Symbol S(string text) => Symbol.Parse(text);
}
