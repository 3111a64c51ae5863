using Akka.Actor;
using Akka.Collector.Actors.Intervals;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Vendors;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Intervals;

/// <summary>
/// One interval collector against a probe standing in for the symbol shard region, on a fake
/// market clock: rounds, coalesced ticks and round timeouts, each observable in isolation.
/// </summary>
public sealed class IntervalCollectorSpecs() : Akka.TestKit.Xunit2.TestKit(RepoHocon.AkkaConf())
{
    private static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly Symbol Msft = Symbol.Parse("MSFT");
    private static readonly DateTimeZone Ny = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static Instant Et(int hour, int minute, int second = 0) =>
        new LocalDateTime(2026, 12, 3, hour, minute, second).InZoneStrictly(Ny).ToInstant();

    private static CollectionSettings Settings => new()
    {
        Universe = [Aapl, Msft],
        BackfillSessions = CollectionSettings.DefaultBackfill,
    };

    [Fact]
    public async Task A_tick_during_a_round_is_counted_and_folded_into_a_follow_up_round()
    {
        // arrange: the start-up round up to 12:00 is out and unanswered
        var clock = new FakeTimeProvider(Et(12, 0, 30).ToDateTimeOffset());
        var region = CreateTestProbe();
        var collector = Sys.ActorOf(
            Collector(BarInterval.M1, region, clock));
        var first = ExpectCollects(region, Et(12, 0));
        await AwaitTickArmedAsync(collector);

        // act: the 12:01 close passes while the round still runs, then the round is answered
        clock.SetUtcNow(Et(12, 1, 5).ToDateTimeOffset());
        await AwaitCoalescedAsync(collector, 1);
        foreach (var collect in first)
            collector.Tell(Done(collect), region);

        // assert: one follow-up round at once, aiming at the newest closed bar
        var second = ExpectCollects(region, Et(12, 1));
        Assert.All(second, c => Assert.Equal(2, c.RoundId));
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        var status = await StatusAsync(collector);
        Assert.Equal(2, status.RoundsStarted);
        Assert.Equal(1, status.TicksCoalesced);
        Assert.Equal(Et(12, 0), status.LastRound!.UpTo);
        Assert.Equal(2, status.LastRound.SymbolsDone);
    }

    [Fact]
    public async Task
        A_round_outliving_its_interval_times_out_and_the_next_starts_from_the_watermarks()
    {
        // arrange: the start-up round up to 12:00 is out and never answered
        var clock = new FakeTimeProvider(Et(12, 0, 30).ToDateTimeOffset());
        var region = CreateTestProbe();
        var collector = Sys.ActorOf(
            Collector(BarInterval.M1, region, clock));
        ExpectCollects(region, Et(12, 0));
        await AwaitTickArmedAsync(collector);

        // act: two closes pass; the round is capped at one minute
        clock.SetUtcNow(Et(12, 2, 5).ToDateTimeOffset());

        // assert: a new round asks for everything up to 12:02; no tick was lost
        var next = ExpectCollects(region, Et(12, 2));
        Assert.All(next, c => Assert.Equal(2, c.RoundId));
        var status = await StatusAsync(collector);
        Assert.True(status.LastRound!.TimedOut);
        Assert.Equal(2, status.LastRound.SymbolsFailed);
    }

    [Fact]
    public async Task A_round_nobody_answers_ends_at_its_timeout_with_every_symbol_failed()
    {
        // arrange
        var clock = new FakeTimeProvider(Et(12, 0, 30).ToDateTimeOffset());
        var region = CreateTestProbe();
        var rounds = CreateTestProbe();
        Sys.EventStream.Subscribe(rounds, typeof(IntervalProtocol.RoundReport));
        var collector = Sys.ActorOf(
            Collector(BarInterval.M5, region, clock));
        ExpectCollects(region, Et(12, 0));

        // act: one symbol answers, the other never does; the 5 minute timeout passes
        collector.Tell(
            new SymbolProtocol.Collected(Aapl, BarInterval.M5, Et(12, 0), 1, Et(12, 0)), region);
        await AwaitTickArmedAsync(collector);
        clock.Advance(TimeSpan.FromMinutes(5));

        // assert
        var report = rounds.ExpectMsg<IntervalProtocol.RoundReport>();
        Assert.True(report.TimedOut);
        Assert.Equal(1, report.SymbolsDone);
        Assert.Equal(1, report.SymbolsFailed);
    }

    [Fact]
    public void A_failed_symbol_counts_as_failed_and_does_not_stop_the_round()
    {
        // arrange
        var clock = new FakeTimeProvider(Et(12, 0, 30).ToDateTimeOffset());
        var region = CreateTestProbe();
        var rounds = CreateTestProbe();
        Sys.EventStream.Subscribe(rounds, typeof(IntervalProtocol.RoundReport));
        var collector = Sys.ActorOf(
            Collector(BarInterval.M15, region, clock));
        var collects = ExpectCollects(region, Et(12, 0));

        // act
        collector.Tell(Done(collects.Single(c => c.Symbol == Aapl)), region);
        collector.Tell(new SymbolProtocol.CollectFailed(
            Msft, BarInterval.M15, Et(12, 0), 1, FailureKind.RateLimited, "429"), region);

        // assert
        var report = rounds.ExpectMsg<IntervalProtocol.RoundReport>();
        Assert.False(report.TimedOut);
        Assert.Equal((1, 1), (report.SymbolsDone, report.SymbolsFailed));
    }

    [Fact]
    public async Task Only_a_round_with_every_symbol_collected_moves_the_complete_mark()
    {
        // arrange: the 15m start-up round up to 12:00
        var clock = new FakeTimeProvider(Et(12, 0, 30).ToDateTimeOffset());
        var region = CreateTestProbe();
        var rounds = CreateTestProbe();
        Sys.EventStream.Subscribe(rounds, typeof(IntervalProtocol.RoundReport));
        var collector = Sys.ActorOf(
            Collector(BarInterval.M15, region, clock));

        // act 1: round 1 (12:00) has a failure; round 2 (12:15) collects both; round 3
        // (12:30) fails both
        Answer(collector, region, ExpectCollects(region, Et(12, 0)), FailureKind.RateLimited);
        rounds.ExpectMsg<IntervalProtocol.RoundReport>();
        var afterFailure = await StatusAsync(collector);

        await AwaitTickArmedAsync(collector);
        clock.SetUtcNow(Et(12, 15, 5).ToDateTimeOffset());
        Answer(collector, region, ExpectCollects(region, Et(12, 15)));
        rounds.ExpectMsg<IntervalProtocol.RoundReport>();
        var afterComplete = await StatusAsync(collector);

        await AwaitTickArmedAsync(collector);
        clock.SetUtcNow(Et(12, 30, 5).ToDateTimeOffset());
        Answer(collector, region, ExpectCollects(region, Et(12, 30)),
            FailureKind.RateLimited, FailureKind.RateLimited);
        rounds.ExpectMsg<IntervalProtocol.RoundReport>();
        var afterAllFailed = await StatusAsync(collector);

        // assert: a round with any failure leaves the mark where the last complete round put it
        Assert.Null(afterFailure.CompleteUpTo);
        Assert.Equal(Et(12, 0), afterFailure.LastRound!.UpTo);
        Assert.Equal(Et(12, 15), afterComplete.CompleteUpTo);
        Assert.Equal(Et(12, 30), afterAllFailed.LastRound!.UpTo);
        Assert.Equal(Et(12, 15), afterAllFailed.CompleteUpTo);
    }

    [Fact]
    public void A_round_report_sums_up_its_failures_by_kind_with_the_last_reason()
    {
        // arrange
        var clock = new FakeTimeProvider(Et(12, 0, 30).ToDateTimeOffset());
        var region = CreateTestProbe();
        var rounds = CreateTestProbe();
        Sys.EventStream.Subscribe(rounds, typeof(IntervalProtocol.RoundReport));
        var collector = Sys.ActorOf(
            Collector(BarInterval.M30, region, clock));
        var collects = ExpectCollects(region, Et(12, 0));

        // act: both symbols fail, each for its own reason
        FailureKind[] kinds = [FailureKind.Timeout, FailureKind.VendorDown];
        foreach (var (collect, kind) in collects.Zip(kinds))
        {
            collector.Tell(new SymbolProtocol.CollectFailed(
                collect.Symbol, collect.Interval, collect.UpTo, collect.RoundId, kind,
                $"{kind} for {collect.Symbol}"), region);
        }

        // assert
        var report = rounds.ExpectMsg<IntervalProtocol.RoundReport>();
        Assert.StartsWith(
            "2 of 2 symbols failed: 1 Timeout, 1 VendorDown; last: ", report.Failures);
        Assert.EndsWith($"VendorDown for {collects[1].Symbol}", report.Failures);
    }

    [Fact]
    public void One_kind_of_failure_is_named_without_a_count()
    {
        // arrange
        var clock = new FakeTimeProvider(Et(12, 0, 30).ToDateTimeOffset());
        var region = CreateTestProbe();
        var rounds = CreateTestProbe();
        Sys.EventStream.Subscribe(rounds, typeof(IntervalProtocol.RoundReport));
        var collector = Sys.ActorOf(
            Collector(BarInterval.M5, region, clock));

        // act
        Answer(collector, region, ExpectCollects(region, Et(12, 0)), FailureKind.RateLimited);

        // assert
        var report = rounds.ExpectMsg<IntervalProtocol.RoundReport>();
        Assert.Equal("1 of 2 symbols failed: RateLimited; last: RateLimited", report.Failures);
    }

    [Fact]
    public async Task Symbols_unanswered_at_the_round_timeout_are_summed_up_as_such()
    {
        // arrange
        var clock = new FakeTimeProvider(Et(12, 0, 30).ToDateTimeOffset());
        var region = CreateTestProbe();
        var rounds = CreateTestProbe();
        Sys.EventStream.Subscribe(rounds, typeof(IntervalProtocol.RoundReport));
        var collector = Sys.ActorOf(
            Collector(BarInterval.M5, region, clock));
        ExpectCollects(region, Et(12, 0));
        await AwaitTickArmedAsync(collector);

        // act: nobody answers; the 5 minute round timeout passes
        clock.Advance(TimeSpan.FromMinutes(5));

        // assert
        var report = rounds.ExpectMsg<IntervalProtocol.RoundReport>();
        Assert.Equal("2 of 2 symbols failed: RoundTimedOut", report.Failures);
        Assert.Null((await StatusAsync(collector)).CompleteUpTo);
    }

    [Fact]
    public void A_round_with_every_symbol_collected_has_no_failure_summary()
    {
        // arrange
        var clock = new FakeTimeProvider(Et(12, 0, 30).ToDateTimeOffset());
        var region = CreateTestProbe();
        var rounds = CreateTestProbe();
        Sys.EventStream.Subscribe(rounds, typeof(IntervalProtocol.RoundReport));
        var collector = Sys.ActorOf(
            Collector(BarInterval.M2, region, clock));

        // act
        Answer(collector, region, ExpectCollects(region, Et(12, 0)));

        // assert
        var report = rounds.ExpectMsg<IntervalProtocol.RoundReport>();
        Assert.Equal(0, report.SymbolsFailed);
        Assert.Null(report.Failures);
    }

    // The wall clock stands still here, so no symbol is asked again: every Collect a test
    // sees is a round's first ask (IntervalCollectorRetrySpecs moves it).
    private static Props Collector(BarInterval interval, IActorRef region, TimeProvider clock) =>
        IntervalCollector.Props(
            interval, region, Grid, clock, Settings, wallClock: new FakeTimeProvider());

    // Answers a round: the first symbols fail with the kinds given (reason: the kind's name),
    // the rest are collected.
    private static void Answer(
        IActorRef collector, Akka.TestKit.TestProbe region, List<SymbolProtocol.Collect> collects,
        params FailureKind[] failures)
    {
        for (var i = 0; i < collects.Count; i++)
        {
            var c = collects[i];
            object answer = i < failures.Length
                ? new SymbolProtocol.CollectFailed(
                    c.Symbol, c.Interval, c.UpTo, c.RoundId, failures[i], failures[i].ToString())
                : Done(c);
            collector.Tell(answer, region);
        }
    }

    private List<SymbolProtocol.Collect> ExpectCollects(Akka.TestKit.TestProbe region, Instant upTo)
    {
        var collects = new List<SymbolProtocol.Collect>
        {
            region.ExpectMsg<SymbolProtocol.Collect>(),
            region.ExpectMsg<SymbolProtocol.Collect>(),
        };
        Assert.All(collects, c => Assert.Equal(upTo, c.UpTo));
        Assert.Equal(["AAPL", "MSFT"], collects.Select(c => c.Symbol.Value).Order().ToList());
        return collects;
    }

    private static SymbolProtocol.Collected Done(SymbolProtocol.Collect c) =>
        new(c.Symbol, c.Interval, c.UpTo, c.RoundId, c.UpTo);

    // The tick timer is armed from the actor's own thread; wait for it before moving the clock.
    private Task AwaitTickArmedAsync(IActorRef collector) =>
        AwaitConditionAsync(async () => (await StatusAsync(collector)).NextTickAt is not null);

    private Task AwaitCoalescedAsync(IActorRef collector, long count) =>
        AwaitConditionAsync(async () => (await StatusAsync(collector)).TicksCoalesced == count);

    private static Task<IntervalProtocol.Status> StatusAsync(IActorRef collector) =>
        collector.Ask<IntervalProtocol.Status>(new IntervalProtocol.GetStatus(BarInterval.M1));
}
