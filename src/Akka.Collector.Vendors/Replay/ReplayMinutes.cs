using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors.Minutes;
using NodaTime;

namespace Akka.Collector.Vendors.Replay;

/// <summary>
/// Recorded minutes moved onto the calendar: the minute i minutes after a recorded open
/// plays i minutes after the target session's open. A target that closes early drops the
/// recorded minutes past its close.
/// </summary>
internal sealed class ReplayMinutes : IMinuteSeries
{
    private readonly Dictionary<Symbol, Track[]> _tracks;
    private readonly ReplaySchedule _schedule;

    public ReplayMinutes(IEnumerable<SymbolRecording> recordings, ReplaySchedule schedule)
    {
        _schedule = schedule;
        _tracks = [];
        foreach (var recording in recordings)
        {
            if (recording.Sessions.Count == 0)
                throw new ArgumentException(
                    $"the recording of {recording.Symbol} has no sessions");

            if (!_tracks.TryAdd(recording.Symbol, [.. recording.Sessions.OrderBy(s => s.Date)
                    .Select(s => Track.Of(recording.Symbol, s))]))
                throw new ArgumentException($"{recording.Symbol} is recorded more than once");
        }
    }

    public IReadOnlyCollection<Symbol> Symbols => _tracks.Keys;

    public void AddMinutes(Symbol symbol, TradingSession session, Instant from, Instant to,
        List<Candle> into)
    {
        if (!_tracks.TryGetValue(symbol, out var tracks))
            return;

        if (_schedule.RecordingFor(session, tracks.Length) is not { } played)
            return;

        var track = tracks[played];
        for (var i = 0; i < track.Bars.Length; i++)
        {
            var start = session.Open + Duration.FromMinutes(track.Offsets[i]);
            if (start >= to || start >= session.Close)
                break;

            if (start >= from)
                into.Add(track.Bars[i] with { Start = start });
        }
    }

    /// <summary>One recorded session as minute offsets from its open, ready to replay.</summary>
    private sealed record Track(int[] Offsets, Candle[] Bars)
    {
        public static Track Of(Symbol symbol, RecordedSession session)
        {
            var bars = session.Minutes.OrderBy(b => b.Start).ToArray();
            var offsets = new int[bars.Length];
            for (var i = 0; i < bars.Length; i++)
            {
                var since = bars[i].Start - session.Open;
                var onGrid = since.BclCompatibleTicks % NodaConstants.TicksPerMinute == 0;
                if (since < Duration.Zero || !onGrid)
                    throw new ArgumentException(
                        $"{symbol} {session.Date}: bar at {bars[i].Start} is not a whole " +
                        $"minute at or after the recorded open {session.Open}");

                if (i > 0 && bars[i].Start == bars[i - 1].Start)
                    throw new ArgumentException(
                        $"{symbol} {session.Date}: two bars start at {bars[i].Start}");

                offsets[i] = (int)since.TotalMinutes;
            }

            return new Track(offsets, bars);
        }
    }
}
