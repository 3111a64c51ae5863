using Akka.Actor;
using Akka.Collector.Actors.Intervals;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors;
using Akka.TestKit;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Intervals;

/// <summary>
/// Sharding delivers a Collect at most once: one that meets its shard being handed off is
/// dropped. These specs drop Collects on purpose, on a market clock that stands still at the
/// open (as in the multi-process tests, where the first round once waited for ever), and move
/// only the wall clock: the unanswered symbols are asked again and the round completes.
/// </summary>
public sealed class IntervalCollectorRetrySpecs()
    : Akka.TestKit.Xunit2.TestKit(RepoHocon.AkkaConf())
{
    private static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly Symbol Msft = Symbol.Parse("MSFT");
    private static readonly DateTimeZone Ny = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    // Thursday 2026-12-03 at the open: the start-up 1m round asks up to Wednesday's close.
    private static readonly Instant Open = Et(3, 9, 30);
    private static readonly Instant WednesdayClose = Et(2, 16, 0);

    private static Instant Et(int day, int hour, int minute) =>
        new LocalDateTime(2026, 12, day, hour, minute).InZoneStrictly(Ny).ToInstant();

    private static CollectionSettings Settings => new()
    {
        Universe = [Aapl, Msft],
        BackfillSessions = CollectionSettings.DefaultBackfill,
        CollectRetryAfter = RetryAfter,
    };

    [Fact]
    public void A_symbol_whose_collect_was_dropped_is_asked_again_and_the_round_completes()
    {
        // arrange: the market clock stands at the open; MSFT answers, AAPL's ask is dropped
        var (region, rounds, wall, collector) = Start();
        var first = ExpectCollects(region, 2);
        collector.Tell(Done(first.Single(c => c.Symbol == Msft)), region);

        // act: the wall clock passes the retry delay; the market clock does not move
        wall.Advance(RetryAfter);

        // assert: only AAPL is asked again, for the same round, and the round completes
        var again = region.ExpectMsg<SymbolProtocol.Collect>();
        Assert.Equal((Aapl, 1L, WednesdayClose), (again.Symbol, again.RoundId, again.UpTo));
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        collector.Tell(Done(again), region);

        var report = rounds.ExpectMsg<IntervalProtocol.RoundReport>();
        Assert.False(report.TimedOut);
        Assert.Equal((2, 0), (report.SymbolsDone, report.SymbolsFailed));
    }

    [Fact]
    public void Asking_again_waits_twice_as_long_each_time_and_stops_when_the_round_ends()
    {
        // arrange: nobody answers
        var (region, rounds, wall, collector) = Start();
        ExpectCollects(region, 2);

        // act 1: the first retry delay passes, then the same again (the second waits 10 s)
        wall.Advance(RetryAfter);
        var second = ExpectCollects(region, 2);
        wall.Advance(RetryAfter);
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        wall.Advance(RetryAfter);
        var third = ExpectCollects(region, 2);

        // act 2: the answer to the second ask and a late one to the third both come
        foreach (var collect in second.Concat(third))
            collector.Tell(Done(collect), region);

        // assert: each symbol counts once, and nothing is asked after the round ended
        var report = rounds.ExpectMsg<IntervalProtocol.RoundReport>();
        Assert.Equal((2, 0), (report.SymbolsDone, report.SymbolsFailed));
        wall.Advance(TimeSpan.FromMinutes(10));
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        rounds.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_symbol_that_failed_is_not_asked_again_in_its_round()
    {
        // arrange
        var (region, rounds, wall, collector) = Start();
        var first = ExpectCollects(region, 2);

        // act: AAPL fails (the next round retries it), MSFT's ask was dropped
        var aapl = first.Single(c => c.Symbol == Aapl);
        collector.Tell(new SymbolProtocol.CollectFailed(
            Aapl, aapl.Interval, aapl.UpTo, aapl.RoundId, FailureKind.VendorDown, "503"), region);
        wall.Advance(RetryAfter);

        // assert
        var again = region.ExpectMsg<SymbolProtocol.Collect>();
        Assert.Equal(Msft, again.Symbol);
        collector.Tell(Done(again), region);
        var report = rounds.ExpectMsg<IntervalProtocol.RoundReport>();
        Assert.Equal((1, 1), (report.SymbolsDone, report.SymbolsFailed));
    }

    private (TestProbe Region, TestProbe Rounds, FakeTimeProvider Wall, IActorRef Collector)
        Start()
    {
        var market = new FakeTimeProvider(Open.ToDateTimeOffset());
        var wall = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var region = CreateTestProbe();
        var rounds = CreateTestProbe();
        Sys.EventStream.Subscribe(rounds, typeof(IntervalProtocol.RoundReport));
        var collector = Sys.ActorOf(IntervalCollector.Props(
            BarInterval.M1, region, Grid, market, Settings, wallClock: wall));
        return (region, rounds, wall, collector);
    }

    private static List<SymbolProtocol.Collect> ExpectCollects(TestProbe region, int count)
    {
        var collects = Enumerable.Range(0, count)
            .Select(_ => region.ExpectMsg<SymbolProtocol.Collect>())
            .ToList();
        Assert.All(collects, c => Assert.Equal((1L, WednesdayClose), (c.RoundId, c.UpTo)));
        Assert.Equal(["AAPL", "MSFT"], collects.Select(c => c.Symbol.Value).Order().ToList());
        return collects;
    }

    private static SymbolProtocol.Collected Done(SymbolProtocol.Collect c) =>
        new(c.Symbol, c.Interval, c.UpTo, c.RoundId, c.UpTo);
}
