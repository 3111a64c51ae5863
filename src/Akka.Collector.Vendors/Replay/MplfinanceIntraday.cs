using Akka.Collector.Domain.Candles;
using NodaTime;
using NodaTime.Text;

namespace Akka.Collector.Vendors.Replay;

/// <summary>
/// Reads mplfinance intraday CSV: <c>Date,Open,Close,High,Low,Volume</c> (close before high)
/// with naive US-Eastern times such as <c>11/5/2019 9:30</c>. Its minutes are labelled by their
/// START, so 09:30 is a full first bar; the flat 16:00 print some sessions carry is not a bar
/// of the session and is dropped, like any row outside regular hours.
/// </summary>
public static class MplfinanceIntraday
{
    private static readonly LocalDateTimePattern Stamp =
        LocalDateTimePattern.CreateWithInvariantCulture("M/d/yyyy H:mm");

    public static IReadOnlyList<RecordedSession> Load(string path)
    {
        using var reader = File.OpenText(path);
        return Parse(reader, Path.GetFileName(path));
    }

    /// <exception cref="FormatException">A malformed line, named by file and line.</exception>
    public static IReadOnlyList<RecordedSession> Parse(TextReader reader, string fileName)
    {
        var file = new DelimitedText(reader, fileName, ',');
        var col = file.Header("Date", "Open", "High", "Low", "Close", "Volume");

        var sessions = new SessionsBuilder();
        LocalDateTime? previous = null;
        foreach (var row in file.Rows())
        {
            var text = row.Text(col[0], "Date");
            var parsed = Stamp.Parse(text);
            if (!parsed.Success)
                throw row.Error($"Date '{text}' is not like 11/5/2019 9:30");

            var start = parsed.Value;
            if (previous is { } p && start <= p)
                throw row.Error($"time {start:yyyy-MM-dd HH:mm} is not after the previous row's");

            previous = start;
            var bar = new Candle(
                Instant.MinValue,
                row.Decimal(col[1], "Open"),
                row.Decimal(col[2], "High"),
                row.Decimal(col[3], "Low"),
                row.Decimal(col[4], "Close"),
                row.Integer(col[5], "Volume"));
            if (bar.Inconsistency() is { } why)
                throw row.Error(why);

            // Inside regular hours there is no daylight-saving gap or overlap to resolve.
            if (RecordedHours.IsRegular(start.TimeOfDay))
            {
                var at = start.InZoneStrictly(RecordedHours.Eastern).ToInstant();
                sessions.Add(start.Date, bar with { Start = at });
            }
        }

        return sessions.Build();
    }
}
