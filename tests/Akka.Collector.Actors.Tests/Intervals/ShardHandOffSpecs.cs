using Akka.Actor;
using Akka.Collector.Actors.Intervals;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Symbols;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Actors.Upstream;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Intervals;

/// <summary>
/// The start-up stall of the multi-process tests, replayed deterministically: a node whose
/// region registered late made the coordinator rebalance shards while the first round's
/// entities were still reading their watermarks; the hand-off stopped them with the Collects
/// they had stashed, and the round waited for answers that could never come. Here a real
/// symbol entity is handed off at that moment, on a market clock standing at the open.
/// </summary>
public sealed class ShardHandOffSpecs() : Akka.TestKit.Xunit2.TestKit(RepoHocon.AkkaConf())
{
    private static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly DateTimeZone Ny = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly Instant Open =
        new LocalDateTime(2026, 12, 3, 9, 30).InZoneStrictly(Ny).ToInstant();

    [Fact]
    public async Task A_round_whose_entity_is_handed_off_while_loading_completes_on_the_new_one()
    {
        // arrange: one session of history, as the cluster tests keep: at the open the 1m
        // round's target lies before it, so an entity answers as soon as it has loaded
        var settings = new CollectionSettings
        {
            Universe = [Aapl],
            BackfillSessions = BarInterval.All.ToDictionary(i => i, _ => 1),
            CollectRetryAfter = RetryAfter,
        };
        var market = new FakeTimeProvider(Open.ToDateTimeOffset());
        var wall = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new SlowWatermarkStore();
        var region = Sys.ActorOf(HandOffRegion.Props(id => SymbolEntity.Props(
            id, store, Grid, market, settings, new UpstreamDirectory())));
        var rounds = CreateTestProbe();
        Sys.EventStream.Subscribe(rounds, typeof(IntervalProtocol.RoundReport));

        Sys.ActorOf(IntervalCollector.Props(
            BarInterval.M1, region, Grid, market, settings, wallClock: wall));
        await store.FirstReadStarted.WaitAsync(Bound);

        // act 1: the shard is handed off while its entity still reads its watermarks, with
        // the round's Collect stashed; then the read answers, to an entity that is gone
        await region.Ask<HandOffRegion.HandedOff>(HandOffRegion.HandOffAll.Instance, Bound);
        store.Release();

        // assert 1: the round cannot finish by itself
        rounds.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        // act 2: real time passes; the market clock still stands at the open
        wall.Advance(RetryAfter);

        // assert 2: the symbol, asked again, starts on its new home and the round completes
        var report = rounds.ExpectMsg<IntervalProtocol.RoundReport>(Bound);
        Assert.False(report.TimedOut);
        Assert.Equal((1, 0), (report.SymbolsDone, report.SymbolsFailed));
        Assert.Equal(2, store.Reads);
    }
}
