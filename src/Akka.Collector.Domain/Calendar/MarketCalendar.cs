using NodaTime;

namespace Akka.Collector.Domain.Calendar;

/// <summary>
/// The exchange's regular sessions between two dates, built once from calendar data. Every
/// question about a date or instant outside that span throws
/// <see cref="CalendarOutOfRangeException"/>: past the data nothing is assumed open.
/// </summary>
public sealed class MarketCalendar
{
    private readonly TradingSession[] _sessions;
    private readonly Dictionary<LocalDate, TradingSession> _byDate;
    private readonly HashSet<LocalDate> _closures;

    public MarketCalendar(
        DateTimeZone zone,
        LocalDate firstDate,
        LocalDate lastDate,
        LocalTime regularOpen,
        LocalTime regularClose,
        IReadOnlyDictionary<LocalDate, string> closures,
        IReadOnlyDictionary<LocalDate, LocalTime> earlyCloses)
    {
        if (lastDate < firstDate)
            throw new ArgumentException(
                $"calendar ends ({lastDate}) before it starts ({firstDate})");

        Zone = zone;
        FirstDate = firstDate;
        LastDate = lastDate;
        RegularOpen = regularOpen;
        RegularClose = regularClose;
        _closures = [.. closures.Keys];

        var sessions = new List<TradingSession>();
        for (var d = firstDate; d <= lastDate; d = d.PlusDays(1))
        {
            if (d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday
                || _closures.Contains(d))
                continue;

            var early = earlyCloses.TryGetValue(d, out var closeAt);
            var open = d.At(regularOpen).InZoneStrictly(zone).ToInstant();
            var close = d.At(early ? closeAt : regularClose).InZoneStrictly(zone).ToInstant();
            sessions.Add(new TradingSession(d, open, close, early));
        }

        _sessions = [.. sessions];
        _byDate = _sessions.ToDictionary(s => s.Date);
    }

    public DateTimeZone Zone { get; }

    public LocalDate FirstDate { get; }

    public LocalDate LastDate { get; }

    public LocalTime RegularOpen { get; }

    public LocalTime RegularClose { get; }

    public IReadOnlyList<TradingSession> Sessions => _sessions;

    public LocalDate DateOf(Instant t) => t.InZone(Zone).Date;

    /// <summary>The session held on a date, or null when the market is closed that day.</summary>
    public TradingSession? SessionOn(LocalDate date)
    {
        EnsureCovered(date);
        return _byDate.GetValueOrDefault(date);
    }

    public bool IsTradingDay(LocalDate date) => SessionOn(date) is not null;

    /// <summary>The session in progress at t, or null outside regular hours.</summary>
    public TradingSession? SessionAt(Instant t)
    {
        var session = SessionOn(DateOf(t));
        return session is not null && session.Contains(t) ? session : null;
    }

    /// <summary>The latest session that has closed at or before t.</summary>
    public TradingSession LastClosedSession(Instant t)
    {
        EnsureCovered(DateOf(t));
        var i = IndexOfLastOpenAtOrBefore(t);
        if (i >= 0 && _sessions[i].Close > t)
            i--;

        return i >= 0 ? _sessions[i] : throw OutOfRange(FirstDate.PlusDays(-1));
    }

    /// <summary>The session in progress at t, else the one that closed most recently.</summary>
    public TradingSession CurrentOrLastSession(Instant t) => SessionAt(t) ?? LastClosedSession(t);

    /// <summary>The first session whose open is at or after t.</summary>
    public TradingSession NextSessionOpeningAtOrAfter(Instant t)
    {
        EnsureCovered(DateOf(t));
        var i = IndexOfLastOpenAtOrBefore(t);
        if (i < 0 || _sessions[i].Open < t)
            i++;

        return i < _sessions.Length ? _sessions[i] : throw OutOfRange(LastDate.PlusDays(1));
    }

    /// <summary>The session <paramref name="count"/> sessions before the given one.</summary>
    public TradingSession SessionsBefore(TradingSession session, int count)
    {
        var i = Array.BinarySearch(_sessions, session, OpenComparer.Instance);
        if (i < 0)
            throw new ArgumentException($"{session.Date} is not a session of this calendar");

        return i - count >= 0 ? _sessions[i - count] : throw OutOfRange(FirstDate.PlusDays(-1));
    }

    /// <summary>The session after the given one.</summary>
    public TradingSession SessionAfter(TradingSession session)
    {
        var i = Array.BinarySearch(_sessions, session, OpenComparer.Instance);
        if (i < 0)
            throw new ArgumentException($"{session.Date} is not a session of this calendar");

        return i + 1 < _sessions.Length ? _sessions[i + 1] : throw OutOfRange(LastDate.PlusDays(1));
    }

    /// <summary>Sessions with any part inside [from, to), oldest first.</summary>
    public IReadOnlyList<TradingSession> SessionsOverlapping(Instant from, Instant to)
    {
        // The end is exclusive: a range that stops at midnight after the last covered date
        // asks nothing about the next day.
        EnsureCovered(DateOf(from));
        EnsureCovered(DateOf(to > from ? to - Duration.Epsilon : to));

        var result = new List<TradingSession>();
        var i = Math.Max(0, IndexOfLastOpenAtOrBefore(from));
        for (; i < _sessions.Length && _sessions[i].Open < to; i++)
        {
            if (_sessions[i].Close > from)
                result.Add(_sessions[i]);
        }

        return result;
    }

    /// <summary>Days from t's date to the last covered date; operators are warned as it
    /// shrinks.</summary>
    public int DaysOfDataLeft(Instant t) =>
        Period.Between(DateOf(t), LastDate, PeriodUnits.Days).Days;

    private int IndexOfLastOpenAtOrBefore(Instant t)
    {
        int lo = 0, hi = _sessions.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_sessions[mid].Open <= t)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private void EnsureCovered(LocalDate date)
    {
        if (date < FirstDate || date > LastDate)
            throw OutOfRange(date);
    }

    private CalendarOutOfRangeException OutOfRange(LocalDate date) =>
        new(date, FirstDate, LastDate);

    private sealed class OpenComparer : IComparer<TradingSession>
    {
        public static readonly OpenComparer Instance = new();

        public int Compare(TradingSession? x, TradingSession? y) => x!.Open.CompareTo(y!.Open);
    }
}
