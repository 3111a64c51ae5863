using Akka.Actor;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Symbols;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Symbols;

/// <summary>
/// A symbol whose own data the vendor keeps answering malformed is not asked again every
/// round: after three failures in a row its rounds fail at once, naming why and until when,
/// for two bar widths, doubling; one stored reply ends it. Other failures do not count.
/// The upstream batcher is a probe and the market clock a fake.
/// </summary>
public sealed class SymbolEntityBackoffSpecs : SymbolEntitySpec
{

    // Thursday 2026-12-03 12:00 ET.
    private static readonly Instant Noon = Instant.FromUtc(2026, 12, 3, 17, 0);

    private readonly FakeTimeProvider _clock = new(Noon.ToDateTimeOffset());
    private long _round;

    public SymbolEntityBackoffSpecs()
        : base(nameof(SymbolEntityBackoffSpecs))
    {
    }

    [Fact]
    public void After_three_malformed_replies_rounds_skip_the_symbol_for_a_doubling_while()
    {
        // arrange
        var entity = Start();

        // act: three rounds fetch and fail
        for (var i = 0; i < 3; i++)
            FetchAndFail(entity, FailureKind.MalformedReply);

        // assert: the next round, five minutes on, fails at once, saying until when
        _clock.Advance(TimeSpan.FromMinutes(5));
        var held = CollectExpectingNoFetch(entity);
        Assert.Equal(FailureKind.MalformedReply, held.Kind);
        Assert.Contains("not asked again until", held.Reason);
        Assert.Contains("high below low", held.Reason);

        // ten minutes on it is tried again; a fourth failure holds it for twenty
        _clock.Advance(TimeSpan.FromMinutes(5));
        FetchAndFail(entity, FailureKind.MalformedReply);
        _clock.Advance(TimeSpan.FromMinutes(19));
        CollectExpectingNoFetch(entity);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var fetch = CollectExpectingFetch(entity);

        // one stored reply ends the back-off: the next failure is the first of a new streak
        Upstream.Reply(new UpstreamProtocol.BarsStored(Zzzz, BarInterval.M5, fetch.Range, 1));
        ExpectMsg<SymbolProtocol.Collected>();
        _clock.Advance(TimeSpan.FromMinutes(5));
        FetchAndFail(entity, FailureKind.MalformedReply);
        CollectExpectingFetch(entity);
    }

    [Fact]
    public void A_vendor_outage_never_holds_a_symbol_back()
    {
        // arrange
        var entity = Start();

        // act: five rounds in a row meet a vendor that is down
        for (var i = 0; i < 5; i++)
            FetchAndFail(entity, FailureKind.VendorDown);

        // assert: the sixth round still asks the vendor
        CollectExpectingFetch(entity);
    }

    private void FetchAndFail(IActorRef entity, FailureKind kind)
    {
        var fetch = CollectExpectingFetch(entity);
        Upstream.Reply(new UpstreamProtocol.FetchFailed(
            Zzzz, BarInterval.M5, fetch.Range, kind, "reply failed validation: high below low"));
        Assert.Equal(kind, ExpectMsg<SymbolProtocol.CollectFailed>().Kind);
    }

    private UpstreamProtocol.FetchBars CollectExpectingFetch(IActorRef entity)
    {
        Collect(entity);
        return Upstream.ExpectMsg<UpstreamProtocol.FetchBars>();
    }

    private SymbolProtocol.CollectFailed CollectExpectingNoFetch(IActorRef entity)
    {
        Collect(entity);
        var failed = ExpectMsg<SymbolProtocol.CollectFailed>();
        Upstream.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        return failed;
    }

    // A round asking for the 5m bars up to the clock's latest closed bar.
    private void Collect(IActorRef entity)
    {
        var upTo = Grid.LatestClosed(
            Instant.FromDateTimeOffset(_clock.GetUtcNow()), BarInterval.M5).End;
        entity.Tell(new SymbolProtocol.Collect(Zzzz, BarInterval.M5, upTo, ++_round), TestActor);
    }

    private IActorRef Start()
    {
        var settings = new CollectionSettings
        {
            Universe = [],
            BackfillSessions = new Dictionary<BarInterval, int> { [BarInterval.M5] = 1 },
        };
        return StartEntity(_clock, settings);
    }
}
