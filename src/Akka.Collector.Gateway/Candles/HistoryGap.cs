using Akka.Actor;
using Akka.Collector.Actors;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Gateway.Candles;

/// <summary>
/// A chart whose <c>from</c> lies before the stored history: within the history depth of
/// its interval the missing range goes to the collection queue (chart-history priority) and
/// the chart is answered with what is stored plus a note saying where to poll; older than
/// that depth is not kept, and the note says so.
/// </summary>
internal static class HistoryGap
{
    private const int PollAfterSeconds = 2;

    /// <param name="covered">The symbol's covered ranges of the interval, ordered.</param>
    public static HistoryNote? Check(
        CandleRequest request, IReadOnlyList<TimeRange> covered, BarGrid grid,
        CollectionSettings settings, Instant now, IActorRef queue)
    {
        if (request.From is not { } asked)
            return null;

        if (covered.Count == 0 || asked >= covered[0].From)
            return null; // nothing collected yet (its backfill runs), or nothing missing

        var earliest = covered[0].From;
        var sessions = settings.HistorySessionsFor(request.Interval);
        Instant from;
        try
        {
            var horizon = grid.BackfillStart(now, sessions);
            from = SlotStartAtOrAfter(grid, request.Interval, asked > horizon ? asked : horizon);
        }
        catch (CalendarOutOfRangeException)
        {
            return null;
        }

        var limit = $"history of {request.Interval} is kept for {sessions} sessions";
        if (from >= earliest)
        {
            return new HistoryNote(false, earliest.ToString(), null,
                $"nothing older than {earliest} is stored: {limit}");
        }

        var missing = new TimeRange(from, earliest);
        queue.Tell(new QueueProtocol.Enqueue(
        [
            new QueueProtocol.WorkRequest(
                request.Symbol, request.Interval, missing, WorkKinds.History),
        ]));

        var note = from > asked ? $"; before {from} nothing is kept ({limit})" : "";
        return new HistoryNote(true, earliest.ToString(), PollAfterSeconds,
            $"{missing} is being fetched; ask again in {PollAfterSeconds} s for the whole " +
            $"range{note}");
    }

    // Fetches start on the interval's grid, so aggregated bars are whole.
    private static Instant SlotStartAtOrAfter(BarGrid grid, BarInterval interval, Instant t)
    {
        var session = grid.Calendar.SessionAt(t);
        if (session is null)
            return grid.Calendar.NextSessionOpeningAtOrAfter(t).Open;

        if (interval.IsDaily)
            return t == session.Open ? t : grid.Calendar.SessionAfter(session).Open;

        var start = grid.SlotStartFor(t, interval) ?? session.Open;
        return start;
    }
}

/// <summary>What the chart's history holds and what is on its way.</summary>
/// <param name="Pending">The missing range is queued; poll again.</param>
/// <param name="StoredFrom">The oldest stored bar's range start.</param>
public sealed record HistoryNote(
    bool Pending, string StoredFrom, int? PollAfterSeconds, string Detail);
