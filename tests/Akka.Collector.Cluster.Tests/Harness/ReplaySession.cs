using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.TestSupport.Data;
using Akka.Collector.Vendors.Replay;
using NodaTime;

namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>
/// The market session every cluster test plays: the last recorded session of three recorded
/// files, replayed onto Thursday 2026-12-03, each recording under four symbols so the twelve
/// symbols spread over thirty shards and three nodes. Also what the stored bars must be: the
/// recorded minutes themselves, rolled up onto the session grid.
/// </summary>
public static class ReplaySession
{
    public static readonly Duration Settle = Duration.FromSeconds(5);

    public static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());

    public static readonly TradingSession Day =
        Grid.Calendar.SessionOn(new LocalDate(2026, 12, 3))!;

    /// <summary>Where every node's clock starts: the open. Nothing has closed yet.</summary>
    public static Instant Start => Day.Open;

    private static readonly (string Format, string File, string[] Symbols)[] Recordings =
    [
        ("react-stockcharts", "react-stockcharts/AAPL_INTRA_DAY.tsv",
            ["AAPL", "AAPL.B", "AAPL.C", "AAPL.D"]),
        ("react-stockcharts", "react-stockcharts/MSFT_INTRA_DAY.tsv",
            ["MSFT", "MSFT.B", "MSFT.C", "MSFT.D"]),
        ("mplfinance", "mplfinance/SP500_NOV2019_IDay.csv", ["SPX", "SPX.B", "SPX.C", "SPX.D"]),
    ];

    public static IReadOnlyList<string> Symbols { get; } =
        [.. Recordings.SelectMany(r => r.Symbols)];

    /// <summary>The clock positions a run moves through: every hour plus the settle delay,
    /// the last one just after the close, so the daily bar is collected too.</summary>
    public static IReadOnlyList<Instant> Steps { get; } =
    [
        .. Enumerable.Range(0, 6).Select(
            h => Day.Open + Duration.FromMinutes(30 + 60 * h) + Settle),
        Day.Close + Settle,
    ];

    /// <summary>HOCON for every node: the replay vendor over these files, one session of
    /// history (this one), corrections that stay inside it, thirty shards.</summary>
    public static string Hocon
    {
        get
        {
            var files = Recordings.SelectMany(r => r.Symbols.Select(s =>
                $"{{ symbol = \"{s}\", path = \"{Path(r.File)}\", format = {r.Format} }}"));
            return $$"""
                collector {
                  clock.start-at = "{{Start}}"
                  vendor {
                    kind = replay
                    replay.files = [
                      {{string.Join(",\n      ", files)}}
                    ]
                  }
                  collection.backfill-sessions {
                    1m = 1, 2m = 1, 5m = 1, 15m = 1, 30m = 1, 1h = 1, 2h = 1, 4h = 1, 1d = 1
                  }
                  sharding.shards = 30
                }
                """;
        }
    }

    /// <summary>The bar end each interval's rounds reach once the clock stands at t.</summary>
    public static Instant CollectedUpTo(Instant t, BarInterval interval) =>
        Grid.LatestClosed(t - Settle, interval).End;

    /// <summary>Every bar of the session, per (symbol, interval): the recorded minutes of the
    /// last recorded session moved onto the day, rolled up.</summary>
    public static IReadOnlyDictionary<(string Symbol, BarInterval Interval), IReadOnlyList<Candle>>
        Expected()
    {
        var expected = new Dictionary<(string, BarInterval), IReadOnlyList<Candle>>();
        foreach (var (format, file, symbols) in Recordings)
        {
            var recorded = RecordingFormats.Load(format, Path(file))[^1];
            var minutes = recorded.Minutes
                .Select(m => m with { Start = Day.Open + (m.Start - recorded.Open) })
                .ToList();
            foreach (var interval in BarInterval.All)
            {
                IReadOnlyList<Candle> bars = interval == BarInterval.M1
                    ? minutes
                    : CandleAggregator.Aggregate(minutes, interval, Grid);
                foreach (var symbol in symbols)
                    expected[(symbol, interval)] = bars;
            }
        }

        return expected;
    }

    private static string Path(string file) =>
        SharedData.Path(file.Split('/')).Replace("\\", "/");
}
