using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Alignment;

/// <summary>
/// Gap arithmetic: the session time of a window that no fetched range covers. A range that
/// was fetched and held no bars (nothing traded) is covered, not a gap; a fetch that failed
/// recorded nothing, so its range is a gap. Closed-market time is never a gap.
/// </summary>
public static class GapFinder
{
    /// <summary>
    /// The gaps of <paramref name="window"/> for one interval, widened to whole bars of it so
    /// each can be fetched as it is, oldest first.
    /// </summary>
    /// <param name="covered">Covered ranges, merged and ordered (as the store gives them).</param>
    public static IReadOnlyList<TimeRange> Find(
        BarGrid grid, BarInterval interval, TimeRange window, IReadOnlyList<TimeRange> covered)
    {
        var gaps = new List<TimeRange>();
        if (window.IsEmpty)
            return gaps;

        foreach (var session in grid.Calendar.SessionsOverlapping(window.From, window.To))
        {
            var from = Max(session.Open, window.From);
            var to = Min(session.Close, window.To);
            foreach (var piece in Uncovered(new TimeRange(from, to), covered))
                Add(gaps, Widen(grid, interval, piece, session.Open, session.Close));
        }

        return gaps;
    }

    // What of one session's part of the window no covered range reaches.
    private static IEnumerable<TimeRange> Uncovered(
        TimeRange part, IReadOnlyList<TimeRange> covered)
    {
        var at = part.From;
        foreach (var range in covered)
        {
            if (range.To <= at)
                continue;
            if (range.From >= part.To)
                break;
            if (range.From > at)
                yield return new TimeRange(at, range.From);
            at = Max(at, range.To);
            if (at >= part.To)
                yield break;
        }

        if (at < part.To)
            yield return new TimeRange(at, part.To);
    }

    // To the bar boundaries of the interval, within the session: a fetch asks for whole bars.
    private static TimeRange Widen(
        BarGrid grid, BarInterval interval, TimeRange piece, Instant open, Instant close)
    {
        if (interval.IsDaily)
            return new TimeRange(open, close);

        var from = grid.SlotStartFor(piece.From, interval) ?? open;
        var last = grid.SlotContaining(piece.To - Duration.FromTicks(1), interval);
        var to = last?.End ?? close;
        return new TimeRange(from, to);
    }

    // Joins a gap to the one before when they touch or overlap (widening can make them).
    private static void Add(List<TimeRange> gaps, TimeRange gap)
    {
        if (gaps.Count > 0 && gaps[^1].To >= gap.From)
        {
            var last = gaps[^1];
            gaps[^1] = new TimeRange(last.From, Max(last.To, gap.To));
            return;
        }

        gaps.Add(gap);
    }

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;
}
