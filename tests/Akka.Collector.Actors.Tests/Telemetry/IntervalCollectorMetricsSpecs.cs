using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Collector.Actors.Intervals;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Telemetry;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Telemetry;

/// <summary>
/// An interval collector with its own metrics injected: a round's failures are counted under
/// their kind, unanswered symbols under RoundTimedOut, and nothing leaks between tests (each
/// has its own meter factory, read by a listener that hears that factory only).
/// </summary>
public sealed class IntervalCollectorMetricsSpecs()
    : Akka.TestKit.Xunit2.TestKit(RepoHocon.AkkaConf()), IDisposable
{
    private static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly Symbol Msft = Symbol.Parse("MSFT");
    private static readonly DateTimeZone Ny = DateTimeZoneProviders.Tzdb["America/New_York"];

    private readonly OwnMeters _meters = new();

    [Fact]
    public async Task A_round_counts_a_failure_by_its_kind_and_an_unanswered_symbol_as_timed_out()
    {
        // arrange: a 15m start-up round up to 12:00
        var clock = new FakeTimeProvider(Et(12, 0, 30).ToDateTimeOffset());
        var region = CreateTestProbe();
        var rounds = CreateTestProbe();
        Sys.EventStream.Subscribe(rounds, typeof(IntervalProtocol.RoundReport));
        var settings = new CollectionSettings
        {
            Universe = [Aapl, Msft],
            BackfillSessions = CollectionSettings.DefaultBackfill,
        };
        var collector = Sys.ActorOf(IntervalCollector.Props(
            BarInterval.M15, region, Grid, clock, settings, metrics: _meters.Metrics,
            wallClock: new FakeTimeProvider()));
        region.ExpectMsg<SymbolProtocol.Collect>();
        region.ExpectMsg<SymbolProtocol.Collect>();

        // act: AAPL is refused; MSFT never answers and the round's five minutes pass
        collector.Tell(new SymbolProtocol.CollectFailed(
            Aapl, BarInterval.M15, Et(12, 0), 1, FailureKind.RateLimited, "429"), region);
        clock.Advance(TimeSpan.FromMinutes(5));
        var report = rounds.ExpectMsg<IntervalProtocol.RoundReport>();

        // The report is published while the round ends; once the collector answers a status
        // question, that ending, metrics included, is done.
        await collector.Ask<IntervalProtocol.Status>(
            new IntervalProtocol.GetStatus(BarInterval.M15), TimeSpan.FromSeconds(10));

        // assert: one round, two failures by reason, no symbol done, no lag (none complete)
        Assert.True(report.TimedOut);
        Assert.Equal(1, _meters.Sum("collector.rounds"));
        Assert.Equal(1, _meters.Sum("collector.round.failures", ("reason", "RateLimited")));
        Assert.Equal(1, _meters.Sum("collector.round.failures", ("reason", "RoundTimedOut")));
        Assert.Equal(0, _meters.Sum("collector.round.symbols_done"));
        Assert.Equal(0, _meters.Count("collector.round.lag"));
        Assert.Equal(["15m"], _meters.IntervalsSeen());
    }

    public new void Dispose()
    {
        _meters.Dispose();
        base.Dispose();
    }

    private static Instant Et(int hour, int minute, int second = 0) =>
        new LocalDateTime(2026, 12, 3, hour, minute, second).InZoneStrictly(Ny).ToInstant();

    /// <summary>A meter factory of this test's own, and a listener to its meters only.</summary>
    private sealed class OwnMeters : IMeterFactory
    {
        private readonly ConcurrentQueue<(string Name, double Value, Dictionary<string, string>
            Tags)> _seen = new();
        private readonly List<Meter> _made = [];
        private readonly MeterListener _listener = new();

        public OwnMeters()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, this))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>(
                (instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>(
                (instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.Start();
            Metrics = new CollectorMetrics(this);
        }

        public CollectorMetrics Metrics { get; }

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _made.Add(meter);
            return meter;
        }

        public double Sum(string name, params (string Tag, string Value)[] tags) =>
            _seen.Where(m => m.Name == name && tags.All(
                    t => m.Tags.TryGetValue(t.Tag, out var v) && v == t.Value))
                .Sum(m => m.Value);

        public int Count(string name) => _seen.Count(m => m.Name == name);

        public IReadOnlyList<string> IntervalsSeen() =>
            [.. _seen.Select(m => m.Tags.GetValueOrDefault("interval")).OfType<string>()
                .Distinct()];

        public void Dispose()
        {
            _listener.Dispose();
            foreach (var meter in _made)
                meter.Dispose();
        }

        private void Record<T>(
            Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
            where T : struct
        {
            var byName = new Dictionary<string, string>();
            foreach (var tag in tags)
                byName[tag.Key] = tag.Value?.ToString() ?? "";
            _seen.Enqueue((instrument.Name, Convert.ToDouble(value), byName));
        }
    }
}
