using System.Globalization;
using System.Text;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store;
using NodaTime;

namespace Akka.Collector.Bench.Store;

/// <summary>
/// The rows every store benchmark writes, a pure function of (symbol, minute): symbols
/// S0000, S0001, ... with 1,000 one-minute bars each from one session open, so a run writes
/// the same rows whatever machine it is on. A correction is the same key with other values
/// (a lower high, a moved close, another volume), as a vendor's corrected bar would be.
/// </summary>
internal sealed class BenchRows(int rows)
{
    public const int BarsPerSymbol = 1_000;

    /// <summary>Symbols written per store call: 100 symbols, 100,000 bars.</summary>
    public const int SymbolsPerBatch = 100;

    private static readonly Instant Open = Instant.FromUtc(2026, 12, 3, 14, 30);

    public int Rows { get; } = rows;

    public int Symbols => Rows / BarsPerSymbol;

    /// <summary>The store's batches, in order, each its own transaction.</summary>
    public IEnumerable<IReadOnlyList<CandleWrite>> Batches(bool corrected)
    {
        for (var first = 0; first < Symbols; first += SymbolsPerBatch)
        {
            var last = Math.Min(first + SymbolsPerBatch, Symbols);
            yield return Enumerable.Range(first, last - first)
                .Select(s => Write(s, corrected))
                .ToList();
        }
    }

    /// <summary>The same rows as CSV in the candles table's column order.</summary>
    public void WriteCsv(string path, bool corrected)
    {
        using var file = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        for (var s = 0; s < Symbols; s++)
        {
            var name = SymbolName(s);
            for (var m = 0; m < BarsPerSymbol; m++)
            {
                var bar = Bar(s, m, corrected);
                file.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{name},1m,{bar.Start.ToUnixTimeMilliseconds()},{bar.Open},{bar.High},"
                    + $"{bar.Low},{bar.Close},{bar.Volume}\n"));
            }
        }
    }

    private static CandleWrite Write(int symbol, bool corrected)
    {
        var bars = new Candle[BarsPerSymbol];
        for (var m = 0; m < BarsPerSymbol; m++)
            bars[m] = Bar(symbol, m, corrected);

        return new CandleWrite(Symbol.Parse(SymbolName(symbol)), BarInterval.M1,
            new TimeRange(Open, Open + Duration.FromMinutes(BarsPerSymbol)), bars);
    }

    private static string SymbolName(int symbol) =>
        string.Create(CultureInfo.InvariantCulture, $"S{symbol:D4}");

    private static Candle Bar(int symbol, int minute, bool corrected)
    {
        var basis = 20m + symbol % 500 + minute % 97 * 0.05m;
        var close = basis + (minute % 7 - 3) * 0.01m + (corrected ? 0.02m : 0m);
        var high = Math.Max(basis, close) + (corrected ? 0.03m : 0.25m);
        var low = Math.Min(basis, close) - 0.2m;
        return new Candle(Open + Duration.FromMinutes(minute), basis, high, low, close,
            1_000 + (symbol * 7_919 + minute * 104_729) % 50_000 + (corrected ? 1 : 0));
    }
}
