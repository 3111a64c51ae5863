using Akka.Collector.Actors;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Time;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.Gateway.Candles;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// The max-age rule on its own, for what a node on a fake clock cannot show: a fast demo
/// clock (max-age is real seconds) and a last bar that turns final before the next round.
/// </summary>
public sealed class CacheMaxAgeTests
{
    private static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());

    private static readonly CollectionSettings Settings = new()
    {
        Universe = [],
        BackfillSessions = new Dictionary<BarInterval, int>(),
    };

    [Fact]
    public void On_a_clock_ten_times_fast_max_age_is_the_real_seconds_rounded_down()
    {
        // arrange: 12:03:20 on a clock that runs ten times faster than the one underneath
        var real = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new ScaledTimeProvider(MidBarNode.At.ToDateTimeOffset(), 10, real);

        // act
        var maxAge = CandleCaching.MaxAge(Chart(final: true), BarInterval.M5, Grid, clock,
            Settings);

        // assert: 105 s of market time is 10.5 s of real time
        Assert.Equal(10, maxAge);
    }

    [Fact]
    public void A_last_bar_not_yet_final_caps_max_age_at_the_moment_it_turns_final()
    {
        // arrange: 12:05:07, the 12:00-12:05 bar is 7 s old and final only after 30 s
        var clock = new FakeTimeProvider(Et.At(2026, 12, 3, 12, 5, 7).ToDateTimeOffset());
        var settings = Settings with { FinalGrace = Duration.FromSeconds(30) };

        // act
        var maxAge = CandleCaching.MaxAge(
            Chart(final: false, age: 7), BarInterval.M5, Grid, clock, settings);

        // assert: until 12:05:30, not 12:10:05
        Assert.Equal(23, maxAge);
    }

    [Fact]
    public void A_stale_chart_has_max_age_zero()
    {
        // arrange
        var clock = new FakeTimeProvider(MidBarNode.At.ToDateTimeOffset());

        // act
        var maxAge = CandleCaching.MaxAge(
            Chart(final: true) with { Fresh = false }, BarInterval.M5, Grid, clock, Settings);

        // assert
        Assert.Equal(0, maxAge);
    }

    private static CandleResponse Chart(bool final, double age = 200) => new(
        "AAPL", "5m", "America/New_York", Fresh: true, CollectedUpTo: null,
        LastIsFinal: final, NewestBarAgeSeconds: age, Candles: []);
}
