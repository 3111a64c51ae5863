using NodaTime;

namespace Akka.Collector.Domain.Calendar;

/// <summary>
/// Thrown for a date the calendar data does not cover. The collector never guesses that an
/// uncovered weekday is open: an operator must install a calendar file that covers it.
/// </summary>
public sealed class CalendarOutOfRangeException(LocalDate date, LocalDate first, LocalDate last)
    : Exception($"the market calendar covers {first:yyyy-MM-dd} to {last:yyyy-MM-dd}; " +
                $"{date:yyyy-MM-dd} is outside it (install a newer calendar file)")
{
    public LocalDate Date { get; } = date;
}
