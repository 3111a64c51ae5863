using Akka.Actor;
using Akka.Collector.Actors.Intervals;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Intervals;

/// <summary>
/// A collector is degraded and restored at runtime by message, as the budget keeper does
/// when the capacity plan changes: degraded, its ticks run no round; restored, a round
/// starts at once and closes what the skipped ticks left.
/// </summary>
public sealed class IntervalCollectorDegradeSpecs()
    : Akka.TestKit.Xunit2.TestKit(RepoHocon.AkkaConf(), nameof(IntervalCollectorDegradeSpecs))
{
    private static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly Instant Noon = Instant.FromUtc(2026, 12, 3, 17, 0);

    [Fact]
    public async Task A_degraded_collector_skips_its_ticks_until_restored_then_rounds_at_once()
    {
        // arrange: started degraded, as the node's plan said
        var clock = new FakeTimeProvider((Noon + Duration.FromSeconds(30)).ToDateTimeOffset());
        var region = CreateTestProbe();
        var collector = Sys.ActorOf(IntervalCollector.Props(
            BarInterval.M1, region, Grid, clock, new CollectionSettings
            {
                Universe = [Aapl],
                BackfillSessions = CollectionSettings.DefaultBackfill,
            }, degraded: true, wallClock: new FakeTimeProvider()));
        await AwaitStatusAsync(collector, s => s.TicksSkipped == 1 && s.NextTickAt is not null);

        // act 1: two closes pass while degraded
        clock.Advance(TimeSpan.FromMinutes(2));
        await AwaitStatusAsync(collector, s => s.TicksSkipped >= 2);
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        // act 2: the plan changes and the collector is told it is restored
        collector.Tell(new IntervalProtocol.SetDegraded(BarInterval.M1, false, "test"));

        // assert: a round at once, up to the newest closed bar
        var collect = region.ExpectMsg<SymbolProtocol.Collect>();
        Assert.Equal(Noon + Duration.FromMinutes(2), collect.UpTo);
        var status = await AwaitStatusAsync(collector, s => s.RoundsStarted == 1);
        Assert.False(status.Degraded);

        // act 3: degraded again; the answer comes, then the next close passes
        collector.Tell(new IntervalProtocol.SetDegraded(BarInterval.M1, true, "test"));
        collector.Tell(new SymbolProtocol.Collected(
            Aapl, BarInterval.M1, collect.UpTo, collect.RoundId, collect.UpTo), region);
        var skipped = (await AwaitStatusAsync(collector, s => s.Degraded)).TicksSkipped;
        clock.Advance(TimeSpan.FromMinutes(1));

        // assert: that tick was skipped, no new round
        await AwaitStatusAsync(collector, s => s.TicksSkipped == skipped + 1);
        Assert.Equal(1, (await AwaitStatusAsync(collector, _ => true)).RoundsStarted);
    }

    private async Task<IntervalProtocol.Status> AwaitStatusAsync(
        IActorRef collector, Func<IntervalProtocol.Status, bool> done)
    {
        for (var i = 0; ; i++)
        {
            var status = await collector.Ask<IntervalProtocol.Status>(
                new IntervalProtocol.GetStatus(BarInterval.M1), TimeSpan.FromSeconds(5));
            if (done(status))
                return status;
            Assert.True(i < 10_000, $"status never came: {status}");
        }
    }
}
