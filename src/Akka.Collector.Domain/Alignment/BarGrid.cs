using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Alignment;

/// <summary>
/// Places bars on the session grid. Intraday bars start at the session open and step by the
/// interval width; the last bar of a session is cut at the close, so an early close or a
/// width that does not divide 390 minutes gives a short last bar. A 1d bar is the session.
/// </summary>
public sealed class BarGrid(MarketCalendar calendar)
{
    public MarketCalendar Calendar { get; } = calendar;

    /// <summary>Every bar of one session, in order.</summary>
    public IEnumerable<BarSlot> SlotsOf(TradingSession session, BarInterval interval)
    {
        if (interval.IsDaily)
        {
            yield return DailySlot(session);
            yield break;
        }

        var width = interval.Width;
        for (var start = session.Open; start < session.Close; start += width)
            yield return new BarSlot(start, Min(start + width, session.Close), session.Date);
    }

    /// <summary>The bar in which t falls, or null outside regular hours.</summary>
    public BarSlot? SlotContaining(Instant t, BarInterval interval)
    {
        var session = Calendar.SessionAt(t);
        return session is null ? null : SlotAt(session, t, interval);
    }

    /// <summary>The latest bar whose end is at or before t.</summary>
    public BarSlot LatestClosed(Instant t, BarInterval interval)
    {
        var inProgress = Calendar.SessionAt(t);
        if (inProgress is not null && !interval.IsDaily)
        {
            var steps = StepsSinceOpen(inProgress, t, interval);
            if (steps >= 1)
                return SlotAt(inProgress, inProgress.Open + interval.Width * (steps - 1), interval);
        }

        return LastSlotOf(Calendar.LastClosedSession(t), interval);
    }

    /// <summary>The latest bar that is final at t: its end plus the grace has passed.</summary>
    public BarSlot LatestFinal(Instant t, BarInterval interval, Duration grace) =>
        LatestClosed(t - grace, interval);

    /// <summary>The first bar end strictly after t: when the next bar of this interval
    /// closes.</summary>
    public Instant NextClose(Instant t, BarInterval interval)
    {
        var session = Calendar.SessionAt(t);
        if (session is not null)
        {
            if (interval.IsDaily)
                return session.Close;

            var steps = StepsSinceOpen(session, t, interval) + 1;
            return Min(session.Open + interval.Width * steps, session.Close);
        }

        var next = Calendar.NextSessionOpeningAtOrAfter(t);
        return interval.IsDaily ? next.Close : Min(next.Open + interval.Width, next.Close);
    }

    /// <summary>Bars that lie wholly inside [from, to), oldest first.</summary>
    /// <exception cref="ArgumentException">to is before from.</exception>
    public IEnumerable<BarSlot> SlotsWithin(Instant from, Instant to, BarInterval interval)
    {
        if (to < from)
            throw new ArgumentException($"range end {to} is before its start {from}", nameof(to));

        return Calendar.SessionsOverlapping(from, to)
            .SelectMany(s => SlotsOf(s, interval))
            .Where(slot => slot.Start >= from && slot.End <= to);
    }

    /// <summary>
    /// Where a first backfill starts: the open of the session <paramref name="sessions"/> - 1
    /// sessions before the one in progress (or last closed) at t, so the chart holds that many
    /// sessions. Clamped to the first session the calendar covers, also when no session of the
    /// calendar has closed yet at t. A t whose date the calendar does not cover throws.
    /// </summary>
    public Instant BackfillStart(Instant t, int sessions)
    {
        var inProgress = Calendar.SessionAt(t);
        var all = Calendar.Sessions;
        if (all.Count == 0)
            throw new CalendarOutOfRangeException(Calendar.DateOf(t), Calendar.FirstDate,
                Calendar.LastDate);

        var first = all[0];
        if (inProgress is null && t < first.Close)
            return first.Open;

        var current = inProgress ?? Calendar.LastClosedSession(t);
        var back = Math.Max(0, sessions - 1);
        try
        {
            return Calendar.SessionsBefore(current, back).Open;
        }
        catch (CalendarOutOfRangeException)
        {
            return first.Open;
        }
    }

    /// <summary>
    /// Where one fetch of [from, upTo) should stop so it spans at most
    /// <paramref name="maxSessions"/> sessions: a long backfill goes in bounded steps, each
    /// stored before the next, so no single request grows with the gap.
    /// </summary>
    public Instant FetchChunkEnd(Instant from, Instant upTo, int maxSessions)
    {
        if (maxSessions < 1)
            throw new ArgumentOutOfRangeException(
                nameof(maxSessions), maxSessions, "must be at least 1");

        var sessions = Calendar.SessionsOverlapping(from, upTo);
        return sessions.Count <= maxSessions ? upTo : Min(upTo, sessions[maxSessions - 1].Close);
    }

    /// <summary>The start of the bar of <paramref name="interval"/> holding a finer bar
    /// start.</summary>
    public Instant? SlotStartFor(Instant finerStart, BarInterval interval)
    {
        var session = Calendar.SessionAt(finerStart);
        if (session is null)
            return null;

        return interval.IsDaily
            ? session.Open
            : session.Open + interval.Width * StepsSinceOpen(session, finerStart, interval);
    }

    private BarSlot LastSlotOf(TradingSession session, BarInterval interval)
    {
        if (interval.IsDaily)
            return DailySlot(session);

        var steps = (long)Math.Ceiling(session.Length / interval.Width) - 1;
        return SlotAt(session, session.Open + interval.Width * steps, interval);
    }

    private static BarSlot SlotAt(TradingSession session, Instant t, BarInterval interval)
    {
        if (interval.IsDaily)
            return DailySlot(session);

        var start = session.Open + interval.Width * StepsSinceOpen(session, t, interval);
        return new BarSlot(start, Min(start + interval.Width, session.Close), session.Date);
    }

    private static long StepsSinceOpen(TradingSession session, Instant t, BarInterval interval) =>
        (long)Math.Floor((t - session.Open) / interval.Width);

    private static BarSlot DailySlot(TradingSession session) =>
        new(session.Open, session.Close, session.Date);

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
