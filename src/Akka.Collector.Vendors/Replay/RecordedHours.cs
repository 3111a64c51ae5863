using NodaTime;

namespace Akka.Collector.Vendors.Replay;

/// <summary>
/// The regular hours recordings were made in. The files predate the market calendar's data
/// (2016, 2019), so they are read against the America/New_York zone directly: the calendar
/// rightly refuses questions about years it does not cover.
/// </summary>
internal static class RecordedHours
{
    public static readonly DateTimeZone Eastern = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static readonly LocalTime Open = new(9, 30);

    public static readonly LocalTime Close = new(16, 0);

    /// <summary>The instant a session dated <paramref name="date"/> opened.</summary>
    public static Instant OpenOn(LocalDate date) =>
        date.At(Open).InZoneStrictly(Eastern).ToInstant();

    public static bool IsRegular(LocalTime start) => start >= Open && start < Close;
}
