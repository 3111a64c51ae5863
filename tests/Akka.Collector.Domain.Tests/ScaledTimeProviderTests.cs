using Akka.Collector.Domain.Time;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class ScaledTimeProviderTests
{
    private static readonly DateTimeOffset RealStart = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Tuesday 2026-03-10 09:30 ET.
    private static readonly Instant MarketStart = Instant.FromUtc(2026, 3, 10, 13, 30);

    [Fact]
    public void Should_start_at_the_chosen_instant()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);

        // act
        var clock = new ScaledTimeProvider(MarketStart.ToDateTimeOffset(), 60, real);

        // assert
        Assert.Equal(MarketStart, Instant.FromDateTimeOffset(clock.GetUtcNow()));
        Assert.Equal(60, clock.Speed);
    }

    [Fact]
    public void Should_run_sixty_times_faster_than_the_real_clock_at_speed_60()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(MarketStart.ToDateTimeOffset(), 60, real);

        // act
        real.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = Instant.FromDateTimeOffset(clock.GetUtcNow());
        real.Advance(TimeSpan.FromMinutes(6.5) - TimeSpan.FromSeconds(1));
        var afterSixAndAHalfMinutes = Instant.FromDateTimeOffset(clock.GetUtcNow());

        // assert: a whole 6.5 h session passes in 6.5 real minutes
        Assert.Equal(MarketStart + Duration.FromMinutes(1), afterOneSecond);
        Assert.Equal(MarketStart + Duration.FromMinutes(390), afterSixAndAHalfMinutes);
    }

    [Fact]
    public void Should_follow_the_real_clock_from_its_current_time_without_a_start()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(null, 1, real);

        // act
        real.Advance(TimeSpan.FromMinutes(3));

        // assert
        Assert.Equal(RealStart + TimeSpan.FromMinutes(3), clock.GetUtcNow());
    }

    [Fact]
    public void Should_scale_from_the_real_now_when_no_start_is_given()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(null, 10, real);

        // act
        real.Advance(TimeSpan.FromSeconds(6));

        // assert
        Assert.Equal(RealStart + TimeSpan.FromMinutes(1), clock.GetUtcNow());
    }

    [Fact]
    public void Should_answer_in_utc_when_the_start_was_given_with_an_offset()
    {
        // arrange: 09:30 at UTC-5 is 14:30Z
        var real = new FakeTimeProvider(RealStart);
        var start = new DateTimeOffset(2026, 3, 6, 9, 30, 0, TimeSpan.FromHours(-5));

        // act
        var now = new ScaledTimeProvider(start, 60, real).GetUtcNow();

        // assert
        Assert.Equal(TimeSpan.Zero, now.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 14, 30, 0, TimeSpan.Zero), now);
        Assert.Equal(new DateTime(2026, 3, 6, 14, 30, 0), now.DateTime);
    }

    [Fact]
    public void Should_run_slower_than_the_real_clock_below_speed_1()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(MarketStart.ToDateTimeOffset(), 0.5, real);

        // act
        real.Advance(TimeSpan.FromMinutes(2));

        // assert
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        Assert.Equal(MarketStart + Duration.FromMinutes(1), now);
    }

    [Fact]
    public void Should_fire_a_timer_after_its_due_time_divided_by_the_speed()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(MarketStart.ToDateTimeOffset(), 60, real);
        var fired = 0;
        using var timer = clock.CreateTimer(
            _ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        // act
        real.Advance(TimeSpan.FromMilliseconds(999));
        var beforeDue = fired;
        real.Advance(TimeSpan.FromMilliseconds(1));
        var atDue = fired;
        real.Advance(TimeSpan.FromMinutes(10));

        // assert: one shot, one real second for one market minute
        Assert.Equal(0, beforeDue);
        Assert.Equal(1, atDue);
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Should_scale_the_period_of_a_repeating_timer()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(MarketStart.ToDateTimeOffset(), 60, real);
        var ticks = new List<Instant>();
        using var timer = clock.CreateTimer(
            _ => ticks.Add(Instant.FromDateTimeOffset(clock.GetUtcNow())),
            null,
            TimeSpan.FromMinutes(5),
            TimeSpan.FromMinutes(5));

        // act: 20 real seconds are 20 market minutes
        for (var i = 0; i < 20; i++)
            real.Advance(TimeSpan.FromSeconds(1));

        // assert: each tick lands on a 5 market-minute mark
        Assert.Equal(
            [5, 10, 15, 20],
            ticks.Select(t => (int)(t - MarketStart).TotalMinutes));
    }

    [Fact]
    public void Should_pass_the_state_to_the_callback()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(null, 60, real);
        object? seen = null;
        var state = new object();
        using var timer = clock.CreateTimer(
            s => seen = s, state, TimeSpan.FromSeconds(60), Timeout.InfiniteTimeSpan);

        // act
        real.Advance(TimeSpan.FromSeconds(1));

        // assert
        Assert.Same(state, seen);
    }

    [Fact]
    public void Should_scale_the_new_due_time_and_period_when_a_timer_is_changed()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(null, 60, real);
        var fired = 0;
        using var timer = clock.CreateTimer(
            _ => fired++, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // act
        real.Advance(TimeSpan.FromHours(1));
        var whileInfinite = fired;
        var changed = timer.Change(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));
        real.Advance(TimeSpan.FromMilliseconds(1999));
        var beforeDue = fired;
        real.Advance(TimeSpan.FromMilliseconds(1));
        var atDue = fired;
        real.Advance(TimeSpan.FromSeconds(3));

        // assert
        Assert.True(changed);
        Assert.Equal(0, whileInfinite);
        Assert.Equal(0, beforeDue);
        Assert.Equal(1, atDue);
        Assert.Equal(4, fired);
    }

    [Fact]
    public void Should_fire_a_zero_due_timer_at_once()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(null, 60, real);
        var fired = 0;

        // act
        using var timer = clock.CreateTimer(
            _ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        // assert
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Should_stop_firing_once_the_timer_is_disposed()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(null, 60, real);
        var fired = 0;
        var timer = clock.CreateTimer(
            _ => fired++, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        // act
        real.Advance(TimeSpan.FromSeconds(1));
        timer.Dispose();
        real.Advance(TimeSpan.FromSeconds(10));

        // assert
        Assert.Equal(1, fired);
    }

    [Fact]
    public async Task Should_complete_a_delay_after_the_scaled_time()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(null, 60, real);
        var delay = Task.Delay(TimeSpan.FromMinutes(30), clock);

        // act
        real.Advance(TimeSpan.FromSeconds(29));
        var earlyDone = delay.IsCompleted;
        real.Advance(TimeSpan.FromSeconds(1));
        await delay;

        // assert
        Assert.False(earlyDone);
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void Should_scale_elapsed_time_measured_with_timestamps()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var clock = new ScaledTimeProvider(null, 60, real);
        var started = clock.GetTimestamp();

        // act
        real.Advance(TimeSpan.FromSeconds(2));
        var elapsed = clock.GetElapsedTime(started);

        // assert: timestamps agree with GetUtcNow
        Assert.Equal(TimeSpan.FromMinutes(2), elapsed);
        Assert.Equal(real.TimestampFrequency, clock.TimestampFrequency);
    }

    [Fact]
    public void Should_take_the_local_time_zone_from_the_real_clock()
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/Zone", TimeSpan.FromHours(3), "T", "T");
        real.SetLocalTimeZone(zone);

        // act
        var clock = new ScaledTimeProvider(null, 60, real);

        // assert
        Assert.Same(zone, clock.LocalTimeZone);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-0.0001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Should_reject_a_speed_that_is_not_a_positive_finite_number(double speed)
    {
        // arrange
        var real = new FakeTimeProvider(RealStart);

        // act
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => new ScaledTimeProvider(null, speed, real));

        // assert
        Assert.Equal("speed", e.ParamName);
        Assert.Contains("positive", e.Message);
    }

    [Theory]
    [InlineData(1, 20)]
    [InlineData(10, 2)]
    [InlineData(0.5, 40)]
    public void Should_convert_market_time_to_the_real_time_it_takes_at_the_clock_speed(
        double speed, int realSeconds)
    {
        // arrange
        var clock = new ScaledTimeProvider(MarketStart.ToDateTimeOffset(), speed,
            new FakeTimeProvider(RealStart));

        // act
        var real = clock.ToRealTime(TimeSpan.FromSeconds(20));

        // assert
        Assert.Equal(TimeSpan.FromSeconds(realSeconds), real);
    }

    [Fact]
    public void Should_take_market_time_as_real_time_on_a_clock_that_is_not_scaled()
    {
        // arrange: a test's fake clock only moves when the test moves it
        var clock = new FakeTimeProvider(RealStart);

        // act
        var real = clock.ToRealTime(TimeSpan.FromSeconds(20));

        // assert
        Assert.Equal(TimeSpan.FromSeconds(20), real);
    }
}
