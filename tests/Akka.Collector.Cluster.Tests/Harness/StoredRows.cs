using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store;
using NodaTime;

namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>Every stored bar of a store, per (symbol, interval).</summary>
public static class StoredRows
{
    public static async Task<IReadOnlyDictionary<(string Symbol, BarInterval Interval),
        IReadOnlyList<Candle>>> ReadAsync(ITestStore testStore, IEnumerable<string> symbols)
    {
        var store = testStore.Open();
        var rows = new Dictionary<(string, BarInterval), IReadOnlyList<Candle>>();
        foreach (var symbol in symbols)
        {
            foreach (var interval in BarInterval.All)
            {
                rows[(symbol, interval)] = await store.ReadAsync(
                    Symbol.Parse(symbol), interval, Instant.FromUnixTimeMilliseconds(0),
                    Instant.MaxValue, 1_000_000, CancellationToken.None);
            }
        }

        (store as IDisposable)?.Dispose();
        return rows;
    }

    /// <summary>
    /// Asserts two row sets are equal row for row, naming the first (symbol, interval) that
    /// differs and how: missing bars, extra (duplicated) bars, or changed values.
    /// </summary>
    public static void AssertEqual(
        IReadOnlyDictionary<(string Symbol, BarInterval Interval), IReadOnlyList<Candle>> expected,
        IReadOnlyDictionary<(string Symbol, BarInterval Interval), IReadOnlyList<Candle>> actual,
        string expectedName, string actualName)
    {
        Assert.Equal(
            expected.Keys.OrderBy(k => k.ToString()), actual.Keys.OrderBy(k => k.ToString()));
        foreach (var (key, want) in expected)
        {
            var got = actual[key];
            var missing = want.Select(c => c.Start).Except(got.Select(c => c.Start)).ToList();
            var extra = got.Select(c => c.Start).Except(want.Select(c => c.Start)).ToList();
            Assert.True(missing.Count == 0 && extra.Count == 0 && got.Count == want.Count,
                $"{key.Symbol} {key.Interval}: {actualName} has {got.Count} bars, " +
                $"{expectedName} {want.Count}; missing {Show(missing)}; extra {Show(extra)}");
            if (!want.SequenceEqual(got))
            {
                Assert.Fail(
                    $"{key.Symbol} {key.Interval}: {actualName} differs from {expectedName} " +
                    $"at {want.Zip(got).First(p => p.First != p.Second)}");
            }
        }
    }

    private static string Show(List<Instant> starts) =>
        starts.Count == 0 ? "none" : $"{starts.Count} from {starts.Min()}";
}
