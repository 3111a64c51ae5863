using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;

namespace Akka.Collector.Domain.Tests;

/// <summary>The embedded NYSE calendar and a grid on it, loaded once for all tests.</summary>
internal static class Nyse
{
    public static readonly MarketCalendar Calendar = CalendarFile.LoadEmbeddedNyse();

    public static readonly BarGrid Grid = new(Calendar);
}
