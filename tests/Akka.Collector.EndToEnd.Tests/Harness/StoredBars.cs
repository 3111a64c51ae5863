using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>Every stored bar and the watermark of each (symbol, interval) in a store.</summary>
public sealed record StoredBars(
    IReadOnlyDictionary<(Symbol Symbol, BarInterval Interval), IReadOnlyList<Candle>> Bars,
    IReadOnlyDictionary<(Symbol Symbol, BarInterval Interval), Instant> Watermarks)
{
    public static async Task<StoredBars> ReadAsync(ICandleStore store, IEnumerable<string> symbols)
    {
        var bars = new Dictionary<(Symbol, BarInterval), IReadOnlyList<Candle>>();
        var marks = new Dictionary<(Symbol, BarInterval), Instant>();
        foreach (var symbol in symbols.Select(Symbol.Parse))
        {
            var symbolMarks = await store.ReadWatermarksAsync(symbol, default);
            foreach (var interval in BarInterval.All)
            {
                bars[(symbol, interval)] = await store.ReadAsync(symbol, interval,
                    Instant.FromUnixTimeMilliseconds(0), Instant.MaxValue, 1_000_000, default);
                if (symbolMarks.TryGetValue(interval, out var mark))
                    marks[(symbol, interval)] = mark;
            }
        }

        return new StoredBars(bars, marks);
    }
}
