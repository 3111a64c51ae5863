using Akka.Actor;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Queue;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Configuration;
using Akka.TestKit;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using static Akka.Collector.Actors.Protocol.QueueProtocol;

namespace Akka.Collector.Actors.Tests.Queue;

/// <summary>
/// The queue's requests to the symbol entities cross the same shards as the rounds' and are
/// dropped the same way in a hand-off. A running item that hears nothing is sent again on
/// the wall clock, long before its (market-time) work timeout, until it is answered.
/// </summary>
public sealed class CollectionQueueAskAgainSpecs()
    : Akka.TestKit.Xunit2.TestKit(InMemoryJournal.WithFallback(RepoHocon.AkkaConf()))
{
    private static readonly Config InMemoryJournal = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    private static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly DateTimeZone Ny = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    // A gap in Wednesday's session, filled on Thursday at noon.
    private static readonly TimeRange Gap = new(Et(2, 10, 0), Et(2, 11, 0));

    private static Instant Et(int day, int hour, int minute) =>
        new LocalDateTime(2026, 12, day, hour, minute).InZoneStrictly(Ny).ToInstant();

    [Fact]
    public async Task A_fill_request_dropped_on_its_way_is_sent_again_until_answered()
    {
        // arrange: a gap fill is queued and its request goes out, and is dropped
        var (region, wall, queue) = Start();
        await queue.Ask<Enqueued>(
            new Enqueue([new WorkRequest(Aapl, BarInterval.M5, Gap, WorkKinds.GapFill)]),
            TimeSpan.FromSeconds(10));
        var first = region.ExpectMsg<SymbolProtocol.FillRange>();

        // act 1: real time passes, the market clock does not
        wall.Advance(RetryAfter);
        var again = region.ExpectMsg<SymbolProtocol.FillRange>();

        // act 2: the second waits twice as long; then the entity answers
        wall.Advance(RetryAfter);
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        wall.Advance(RetryAfter);
        region.ExpectMsg<SymbolProtocol.FillRange>();
        queue.Tell(new SymbolProtocol.RangeFilled(Aapl, BarInterval.M5, Gap, first.WorkId, 12),
            region);

        // assert: the same item each time; once answered it is done and never sent again
        Assert.Equal(first, again);
        Assert.Equal(Gap, first.Range);
        await AwaitAssertAsync(async () =>
        {
            var view = await queue.Ask<QueueView>(new GetQueue(10), TimeSpan.FromSeconds(10));
            Assert.Equal(0, view.Depth);
            Assert.Empty(view.Running);
        });
        wall.Advance(TimeSpan.FromMinutes(10));
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private (TestProbe Region, FakeTimeProvider Wall, IActorRef Queue) Start()
    {
        var market = new FakeTimeProvider(Et(3, 12, 0).ToDateTimeOffset());
        var wall = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var region = CreateTestProbe();
        var settings = new CollectionSettings
        {
            Universe = [Aapl],
            BackfillSessions = CollectionSettings.DefaultBackfill,
            CollectRetryAfter = RetryAfter,
        };
        var queue = Sys.ActorOf(CollectionQueue.Props(
            new QueueSettings(), settings, region, Grid, market, wallClock: wall));
        return (region, wall, queue);
    }
}
