using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;

namespace Akka.Collector.Vendors.Tests.Support;

internal static class Calendars
{
    // Parsed once: every test reads the same embedded NYSE calendar.
    public static readonly MarketCalendar Nyse = CalendarFile.LoadEmbeddedNyse();

    public static BarGrid Grid() => new(Nyse);
}
