using Akka.Actor;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Symbols;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Domain.Time;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Symbols;

/// <summary>
/// How long a symbol's entity says its fetch in flight still needs (a chart's Retry-After):
/// the steps a backfill still has, times a typical step, which is a quarter of the request
/// timeout until one is measured; capped by the request timeouts of those steps; at least 1 s.
/// The upstream batcher is a probe and the market clock a fake, so every duration is exact.
/// </summary>
public sealed class SymbolEntityRetryEstimateSpecs : SymbolEntitySpec
{
    private static readonly DateTimeZone Ny = DateTimeZoneProviders.Tzdb["America/New_York"];

    // Thursday 2026-12-03 12:00 ET; the 5m bar ending then is what the chart needs.
    private static readonly Instant Noon = At(2026, 12, 3, 12, 0);


    public SymbolEntityRetryEstimateSpecs()
        : base(nameof(SymbolEntityRetryEstimateSpecs))
    {
    }

    [Fact]
    public async Task A_first_fetch_counts_every_backfill_step_at_a_quarter_of_the_timeout()
    {
        // arrange: two sessions of backfill, one session per step: two steps of 20 s / 4
        var clock = new FakeTimeProvider((Noon + Duration.FromSeconds(40)).ToDateTimeOffset());
        var entity = Start(clock, backfill: 2);

        // act
        Collect(entity);
        var firstStep = Upstream.ExpectMsg<UpstreamProtocol.FetchBars>();
        var expected = await ExpectedDoneInAsync(entity);

        // assert: the first step stops at Wednesday's close, one more reaches noon
        Assert.Equal(At(2026, 12, 2, 16, 0), firstStep.Range.To);
        Assert.Equal(TimeSpan.FromSeconds(10), expected);
    }

    [Fact]
    public async Task Time_spent_on_the_step_in_flight_comes_off_its_share_only()
    {
        // arrange
        var clock = new FakeTimeProvider((Noon + Duration.FromSeconds(40)).ToDateTimeOffset());
        var entity = Start(clock, backfill: 2);
        Collect(entity);
        Upstream.ExpectMsg<UpstreamProtocol.FetchBars>();

        // act: 3 s into a 5 s step, then 6 s (the step is late: it may end any moment)
        clock.Advance(TimeSpan.FromSeconds(3));
        var early = await ExpectedDoneInAsync(entity);
        clock.Advance(TimeSpan.FromSeconds(3));
        var late = await ExpectedDoneInAsync(entity);

        // assert: the step after it still counts in full
        Assert.Equal(TimeSpan.FromSeconds(2 + 5), early);
        Assert.Equal(TimeSpan.FromSeconds(0 + 5), late);
    }

    [Fact]
    public async Task A_measured_step_replaces_the_first_guess()
    {
        // arrange: the first step is stored after 8 s of market time
        var clock = new FakeTimeProvider((Noon + Duration.FromSeconds(40)).ToDateTimeOffset());
        var entity = Start(clock, backfill: 3);
        Collect(entity);
        var first = Upstream.ExpectMsg<UpstreamProtocol.FetchBars>();
        clock.Advance(TimeSpan.FromSeconds(8));

        // act: the second of three steps starts
        Upstream.Reply(new UpstreamProtocol.BarsStored(Zzzz, BarInterval.M5, first.Range, 78));
        Upstream.ExpectMsg<UpstreamProtocol.FetchBars>();
        var expected = await ExpectedDoneInAsync(entity);

        // assert: two steps to go at the 8 s measured
        Assert.Equal(TimeSpan.FromSeconds(16), expected);
    }

    [Fact]
    public async Task The_estimate_never_exceeds_the_request_timeouts_of_the_steps_left()
    {
        // arrange: the first of five steps took 30 s (it queued behind rounds), past the
        // 20 s a vendor request may take
        var clock = new FakeTimeProvider((Noon + Duration.FromSeconds(40)).ToDateTimeOffset());
        var entity = Start(clock, backfill: 5);
        Collect(entity);
        var first = Upstream.ExpectMsg<UpstreamProtocol.FetchBars>();
        clock.Advance(TimeSpan.FromSeconds(30));
        Upstream.Reply(new UpstreamProtocol.BarsStored(Zzzz, BarInterval.M5, first.Range, 0));
        Upstream.ExpectMsg<UpstreamProtocol.FetchBars>();

        // act
        var expected = await ExpectedDoneInAsync(entity);

        // assert: four steps, each ending by its 20 s timeout, not 4 x 30 s
        Assert.Equal(TimeSpan.FromSeconds(80), expected);
    }

    [Fact]
    public async Task A_step_measured_as_instant_still_says_at_least_one_second()
    {
        // arrange: the first step is stored without the market clock moving
        var clock = new FakeTimeProvider((Noon + Duration.FromSeconds(40)).ToDateTimeOffset());
        var entity = Start(clock, backfill: 2);
        Collect(entity);
        var first = Upstream.ExpectMsg<UpstreamProtocol.FetchBars>();
        Upstream.Reply(new UpstreamProtocol.BarsStored(Zzzz, BarInterval.M5, first.Range, 78));
        Upstream.ExpectMsg<UpstreamProtocol.FetchBars>();

        // act
        var expected = await ExpectedDoneInAsync(entity);

        // assert
        Assert.Equal(TimeSpan.FromSeconds(1), expected);
    }

    [Fact]
    public async Task On_a_fast_demo_clock_the_estimate_is_in_real_time()
    {
        // arrange: market time runs four times faster than the real clock underneath
        var real = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new ScaledTimeProvider(
            (Noon + Duration.FromSeconds(40)).ToDateTimeOffset(), 4, real);
        var entity = Start(clock, backfill: 2);

        // act
        Collect(entity);
        Upstream.ExpectMsg<UpstreamProtocol.FetchBars>();
        var expected = await ExpectedDoneInAsync(entity);

        // assert: 10 s of market time is 2.5 s of real time
        Assert.Equal(TimeSpan.FromSeconds(2.5), expected);
    }

    private IActorRef Start(TimeProvider clock, int backfill)
    {
        var settings = new CollectionSettings
        {
            Universe = [],
            BackfillSessions = new Dictionary<BarInterval, int> { [BarInterval.M5] = backfill },
            SessionsPerFetch = new Dictionary<BarInterval, int> { [BarInterval.M5] = 1 },
            RequestTimeout = TimeSpan.FromSeconds(20),
        };
        return StartEntity(clock, settings);
    }

    // A chart's request: collect the 5m bars up to noon.
    private void Collect(IActorRef entity) =>
        entity.Tell(new SymbolProtocol.Collect(Zzzz, BarInterval.M5, Noon, RoundId: 0), TestActor);

    private static async Task<TimeSpan?> ExpectedDoneInAsync(IActorRef entity)
    {
        var freshness = await entity.Ask<SymbolProtocol.Freshness>(
            new SymbolProtocol.GetFreshness(Zzzz, BarInterval.M5), TimeSpan.FromSeconds(10));
        Assert.NotNull(freshness.InFlightTo);
        return freshness.ExpectedDoneIn;
    }

    private static Instant At(int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Ny).ToInstant();
}
