using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors.Replay;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Support;

/// <summary>
/// Small made-up recordings whose every minute tells where it came from: the close is
/// 100 + session number + minute index / 1000, so a replayed bar can be traced back.
/// </summary>
internal static class Recordings
{
    public static readonly LocalDate FirstRecordedDay = new(2016, 4, 11);

    public static SymbolRecording Of(string symbol, int sessions, int minutes = 390) =>
        new(Symbol.Parse(symbol),
            Enumerable.Range(1, sessions).Select(n => Session(n, minutes)).ToList());

    /// <summary>Recorded session n (1-based), full 390 minutes unless told otherwise.</summary>
    public static RecordedSession Session(int n, int minutes = 390)
    {
        var date = FirstRecordedDay.PlusDays(n - 1);
        var open = date.At(new LocalTime(9, 30)).InZoneStrictly(Clocks.Eastern).ToInstant();
        var bars = Enumerable.Range(0, minutes)
            .Select(i => Minute(open + Duration.FromMinutes(i), n, i))
            .ToList();

        return new RecordedSession(date, open, bars);
    }

    public static decimal CloseOf(int session, int minute) => 100m + session + minute / 1000m;

    private static Candle Minute(Instant start, int session, int minute)
    {
        var close = CloseOf(session, minute);
        return new Candle(start, close - 0.01m, close + 0.02m, close - 0.03m, close, 10 + minute);
    }
}
