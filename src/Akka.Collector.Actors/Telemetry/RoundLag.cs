using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Actors.Telemetry;

/// <summary>
/// How far the newest bar end a round reached with every symbol lies behind the latest
/// closed bar whose round is due, the same lag the status API shows.
/// </summary>
public static class RoundLag
{
    /// <returns>Null until a round reached every symbol, or when the calendar has run out
    /// (the status says so; a metric of it would be a guess).</returns>
    public static TimeSpan? Behind(
        BarGrid grid, CollectionSettings settings, BarInterval interval, Instant now,
        Instant? completeUpTo)
    {
        if (completeUpTo is not { } complete)
            return null;

        try
        {
            var latest = grid.LatestClosed(now - settings.SettleDelay, interval).End;
            return latest > complete ? (latest - complete).ToTimeSpan() : TimeSpan.Zero;
        }
        catch (CalendarOutOfRangeException)
        {
            return null;
        }
    }
}
