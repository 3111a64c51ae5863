using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using NodaTime;

namespace Akka.Collector.Store.Tests.Support;

/// <summary>Bars and writes placed by minute offsets from one session open.</summary>
public static class TestBars
{
    public static readonly Symbol Aapl = Symbol.Parse("AAPL");

    public static readonly Symbol Msft = Symbol.Parse("MSFT");

    /// <summary>Monday 3 March 2025, 09:30 New York time.</summary>
    public static readonly Instant SessionOpen = Instant.FromUtc(2025, 3, 3, 14, 30);

    public static Instant Minute(int offset) => SessionOpen + Duration.FromMinutes(offset);

    public static TimeRange Minutes(int from, int to) => new(Minute(from), Minute(to));

    public static Candle Bar(int minute, decimal close = 100m, long volume = 1_000) =>
        new(Minute(minute), close - 0.5m, close + 1m, close - 1m, close, volume);

    /// <summary>One 1m bar per minute in [from, to), covering exactly that range.</summary>
    public static CandleWrite OneMinuteBars(Symbol symbol, int from, int to)
    {
        var bars = Enumerable.Range(from, to - from).Select(m => Bar(m, 100m + m)).ToList();
        return new CandleWrite(symbol, BarInterval.M1, Minutes(from, to), bars);
    }

    public static CandleWrite Covering(
        Symbol symbol, BarInterval interval, int from, int to, params Candle[] bars) =>
        new(symbol, interval, Minutes(from, to), bars);
}
