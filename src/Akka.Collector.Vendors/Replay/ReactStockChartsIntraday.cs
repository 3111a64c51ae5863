using Akka.Collector.Domain.Candles;
using NodaTime;

namespace Akka.Collector.Vendors.Replay;

/// <summary>
/// Reads react-stockcharts intraday TSV (<c>date open high low close volume</c>, date in Unix
/// epoch milliseconds UTC). Its rows are labelled by their END: 391 rows per session from
/// 09:30 to 16:00 ET, where the 09:30 row is the opening-auction print. The rows 09:31..16:00
/// become the bars starting 09:30..15:59, and the auction print folds into the first of them
/// (its open is the bar's open; highs, lows and volumes combine; the close stays the 09:31
/// row's). Rows outside regular hours are dropped.
/// </summary>
public static class ReactStockChartsIntraday
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    public static IReadOnlyList<RecordedSession> Load(string path)
    {
        using var reader = File.OpenText(path);
        return Parse(reader, Path.GetFileName(path));
    }

    /// <exception cref="FormatException">A malformed line, named by file and line.</exception>
    public static IReadOnlyList<RecordedSession> Parse(TextReader reader, string fileName)
    {
        var file = new DelimitedText(reader, fileName, '\t');
        var col = file.Header("date", "open", "high", "low", "close", "volume");

        var sessions = new SessionsBuilder();
        Instant? previous = null;
        (LocalDate Date, Candle Print)? auction = null;
        foreach (var row in file.Rows())
        {
            var end = EndOf(row, col[0]);
            if (previous is { } p && end <= p)
                throw row.Error($"time {end} is not after the previous row's {p}");

            previous = end;
            var local = end.InZone(RecordedHours.Eastern).LocalDateTime;
            var bar = Bar(row, col, end - Minute);

            // An auction print with no 09:31 row after it stands as the first bar alone.
            var foldsHere = auction is { } a && a.Date == local.Date && a.Print.Start == bar.Start;
            if (auction is { } pending && !foldsHere)
            {
                sessions.Add(pending.Date, pending.Print);
                auction = null;
            }

            if (local.TimeOfDay == RecordedHours.Open)
            {
                auction = (local.Date, bar with { Start = end });
                continue;
            }

            if (!RecordedHours.IsRegular(local.TimeOfDay - Period.FromMinutes(1)))
                continue;

            if (auction is { } print)
            {
                bar = Fold(print.Print, bar);
                auction = null;
            }

            sessions.Add(local.Date, bar);
        }

        if (auction is { } last)
            sessions.Add(last.Date, last.Print);

        return sessions.Build();
    }

    private static Instant EndOf(DelimitedText.Row row, int column)
    {
        var ms = row.Integer(column, "date");
        if (ms % 60_000 != 0)
            throw row.Error($"date {ms} is not on a whole minute");

        return Instant.FromUnixTimeMilliseconds(ms);
    }

    private static Candle Bar(DelimitedText.Row row, int[] col, Instant start)
    {
        var bar = new Candle(
            start,
            row.Decimal(col[1], "open"),
            row.Decimal(col[2], "high"),
            row.Decimal(col[3], "low"),
            row.Decimal(col[4], "close"),
            row.Integer(col[5], "volume"));

        return bar.Inconsistency() is { } why ? throw row.Error(why) : bar;
    }

    private static Candle Fold(Candle auction, Candle first) => first with
    {
        Open = auction.Open,
        High = Math.Max(auction.High, first.High),
        Low = Math.Min(auction.Low, first.Low),
        Volume = auction.Volume + first.Volume,
    };
}
