using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>Instants written as New York wall-clock times, as the incident report states
/// them.</summary>
public static class Et
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static Instant At(int year, int month, int day, int hour, int minute, int second = 0) =>
        new LocalDateTime(year, month, day, hour, minute, second).InZoneStrictly(Zone).ToInstant();
}
