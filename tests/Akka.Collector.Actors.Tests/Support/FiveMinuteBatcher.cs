using Akka.Collector.Actors.Budget;
using Akka.Collector.Actors.Upstream;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store;
using Akka.Collector.Vendors;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Support;

/// <summary>
/// A 5m upstream batcher as the batcher specs start it: a 1 ms merge window, an unlimited
/// budget, market and wall clock one fake standing still at <paramref name="now"/>.
/// </summary>
public static class FiveMinuteBatcher
{
    private static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());

    public static Akka.Actor.Props Props(
        IBarSource vendor, ICandleStore store, int slots, Instant now)
    {
        var settings = new CollectionSettings
        {
            Universe = [Symbol.Parse("AAPL")],
            BackfillSessions = CollectionSettings.DefaultBackfill,
            ConcurrencyPerInterval = slots,
            BatchWindow = TimeSpan.FromMilliseconds(1),
        };
        var clock = new FakeTimeProvider(now.ToDateTimeOffset());
        return UpstreamBatcher.Props(BarInterval.M5, vendor, store, Grid, clock, clock, settings,
            new RequestBudget(CapacityPlan.Compute(1, 1, 0, 1, []), clock));
    }
}
