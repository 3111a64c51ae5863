using Akka.Collector.Domain.Calendar;
using NodaTime;

namespace Akka.Collector.Gateway;

/// <summary>
/// Whether the market calendar covers the node's own clock. When it does not, no bar can be
/// placed, collected or judged fresh, and waiting does not help: only an operator can, so the
/// gateway says so instead of inviting clients to retry.
/// </summary>
public static class CalendarCoverage
{
    /// <summary>What an operator must do, or null while the calendar covers now.</summary>
    public static string? ProblemAt(MarketCalendar calendar, Instant now)
    {
        var today = calendar.DateOf(now);
        if (today > calendar.LastDate)
        {
            return $"the market calendar ended on {calendar.LastDate:yyyy-MM-dd} and the " +
                   $"node's clock is at {today:yyyy-MM-dd}: no bar can be collected or judged " +
                   "fresh. Operator action needed: install a calendar file that covers today " +
                   "(collector.calendar.file) and restart the node";
        }

        if (today < calendar.FirstDate)
        {
            return $"the node's clock is at {today:yyyy-MM-dd}, before " +
                   $"{calendar.FirstDate:yyyy-MM-dd}, the first date the market calendar " +
                   "covers: no bar can be collected or judged fresh. Operator action needed: " +
                   "check the clock (collector.clock.start-at) or install a calendar file " +
                   "that covers it (collector.calendar.file)";
        }

        return null;
    }
}
