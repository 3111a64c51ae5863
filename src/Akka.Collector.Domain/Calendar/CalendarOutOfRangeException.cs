using NodaTime;

namespace Akka.Collector.Domain.Calendar;

/// <summary>
/// Thrown for a date the calendar data does not cover. The collector never guesses that an
/// uncovered weekday is open: past the data an operator must install a calendar file that
/// covers it; before the data there is nothing to install, the calendar simply starts later.
/// </summary>
public sealed class CalendarOutOfRangeException(LocalDate date, LocalDate first, LocalDate last)
    : Exception(Explain(date, first, last))
{
    public LocalDate Date { get; } = date;

    /// <summary>The first date the calendar covers.</summary>
    public LocalDate First { get; } = first;

    /// <summary>The last date the calendar covers.</summary>
    public LocalDate Last { get; } = last;

    /// <summary>The date lies after the calendar's last date, not before its first.</summary>
    public bool IsPastTheEnd => Date > Last;

    // Only a date past the end is fixed by a newer file; advising one for 2015 would mislead.
    private static string Explain(LocalDate date, LocalDate first, LocalDate last) =>
        $"the market calendar covers {first:yyyy-MM-dd} to {last:yyyy-MM-dd}; " +
        $"{date:yyyy-MM-dd} is " + (date < first
            ? "before it, and the calendar holds no sessions that early"
            : "after it (install a newer calendar file)");
}
