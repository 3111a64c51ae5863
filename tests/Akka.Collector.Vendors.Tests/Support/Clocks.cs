using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Support;

/// <summary>Fake market clocks set in US-Eastern wall time, as the scenarios are told.</summary>
internal static class Clocks
{
    public static readonly DateTimeZone Eastern = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static FakeTimeProvider At(int year, int month, int day, int hour, int minute) =>
        new(Et(year, month, day, hour, minute).ToDateTimeOffset());

    public static Instant Et(int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Eastern).ToInstant();

    public static void SetTo(FakeTimeProvider clock, Instant t) =>
        clock.SetUtcNow(t.ToDateTimeOffset());
}

internal static class FakeClockExtensions
{
    public static Instant Now(this TimeProvider clock) =>
        Instant.FromDateTimeOffset(clock.GetUtcNow());
}
