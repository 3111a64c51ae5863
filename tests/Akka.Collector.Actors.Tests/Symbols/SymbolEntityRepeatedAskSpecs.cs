using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Symbols;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Symbols;

/// <summary>
/// A round asks a symbol again when it hears nothing for a while (its first ask may have been
/// dropped in a shard hand-off). The entity must treat the repeated ask as the same request:
/// no second fetch, one answer.
/// </summary>
public sealed class SymbolEntityRepeatedAskSpecs : SymbolEntitySpec
{
    private static readonly DateTimeZone Ny = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly Instant Noon =
        new LocalDateTime(2026, 12, 3, 12, 0).InZoneStrictly(Ny).ToInstant();


    public SymbolEntityRepeatedAskSpecs()
        : base(nameof(SymbolEntityRepeatedAskSpecs))
    {
    }

    [Fact]
    public void The_same_ask_again_during_its_fetch_joins_it_and_is_answered_once()
    {
        // arrange: a round's ask starts a fetch
        var entity = Start();
        var ask = new SymbolProtocol.Collect(Zzzz, BarInterval.M5, Noon, RoundId: 7);
        entity.Tell(ask, TestActor);
        var fetch = Upstream.ExpectMsg<UpstreamProtocol.FetchBars>();

        // act: the round asks again, then the fetch is stored
        entity.Tell(ask, TestActor);
        Upstream.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        entity.Tell(
            new UpstreamProtocol.BarsStored(Zzzz, BarInterval.M5, fetch.Range, 0), Upstream);

        // assert: one answer for the round
        var done = ExpectMsg<SymbolProtocol.Collected>();
        Assert.Equal((7L, Noon), (done.RoundId, done.UpTo));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_fill_asked_again_after_it_was_answered_gets_the_same_answer_without_a_fetch()
    {
        // arrange: the queue's fill of Wednesday's session is stored and answered
        var entity = Start();
        var wednesday = new TimeRange(Noon - Duration.FromDays(1) - Duration.FromHours(2.5),
            Noon - Duration.FromDays(1) + Duration.FromHours(4));
        var fill = new SymbolProtocol.FillRange(Zzzz, BarInterval.M5, wednesday, WorkId: 42);
        entity.Tell(fill, TestActor);
        var step = Upstream.ExpectMsg<UpstreamProtocol.FetchBars>();
        entity.Tell(
            new UpstreamProtocol.BarsStored(Zzzz, BarInterval.M5, step.Range, 78), Upstream);
        var first = ExpectMsg<SymbolProtocol.RangeFilled>();

        // act: the queue's ask again crossed that answer
        entity.Tell(fill, TestActor);

        // assert: the same answer, and the vendor is not asked again
        Assert.Equal(first, ExpectMsg<SymbolProtocol.RangeFilled>());
        Upstream.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private Akka.Actor.IActorRef Start()
    {
        var clock = new FakeTimeProvider((Noon + Duration.FromSeconds(30)).ToDateTimeOffset());
        var settings = new CollectionSettings
        {
            Universe = [],
            BackfillSessions = new Dictionary<BarInterval, int> { [BarInterval.M5] = 1 },
        };
        return StartEntity(clock, settings);
    }
}
