using Akka.Actor;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Telemetry;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store;
using Akka.Event;
using NodaTime;
using NodaTime.Extensions;

namespace Akka.Collector.Actors.Gaps;

/// <summary>
/// One per cluster (a singleton). Shortly after start and then periodically it prunes bars
/// past their retention, compares each (symbol, interval)'s fetched ranges with the calendar
/// over a look-back window and sends the gaps to the collection queue at the lowest
/// priority, where they run behind rounds, charts and onboarding. The part after a symbol's
/// watermark is the rounds' work, so a pass looks only behind it. Holds no lock: it only
/// reads coverage and asks the queue.
/// </summary>
public sealed class GapFiller : ReceiveActor
{
    private readonly GapSettings _settings;
    private readonly CollectionSettings _collection;
    private readonly ICandleStore _store;
    private readonly BarGrid _grid;
    private readonly TimeProvider _clock;
    private readonly IActorRef _queue;
    private readonly CollectorMetrics? _metrics;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Open gaps by where they are, with when a pass first saw them.
    private readonly Dictionary<(Symbol, BarInterval, TimeRange), Instant> _open = [];
    private IActorRef _self = ActorRefs.Nobody;
    private ITimer? _timer;
    private int _cursor;
    private bool _passRunning;
    private Instant? _lastPass;

    public GapFiller(
        GapSettings settings, CollectionSettings collection, ICandleStore store, BarGrid grid,
        TimeProvider clock, IActorRef queue, CollectorMetrics? metrics = null)
    {
        _metrics = metrics;
        _settings = settings;
        _collection = collection;
        _store = store;
        _grid = grid;
        _clock = clock;
        _queue = queue;

        Receive<StartPass>(_ => OnStartPass());
        Receive<QueueProtocol.Universe>(OnUniverse);
        Receive<PassFailed>(failed =>
        {
            _log.Warning("gap filler: a pass failed ({0}); the next runs in {1}",
                failed.Reason, _settings.Every);
            EndPass();
        });
        Receive<PassDone>(OnPassDone);
        Receive<QueueProtocol.Enqueued>(enqueued =>
        {
            if (enqueued.Skipped > 0)
                _log.Debug("gap filler: {0} gaps queued, {1} inside quarantined ranges",
                    enqueued.Accepted, enqueued.Skipped);
        });
        Receive<GapProtocol.GetGaps>(ask => Sender.Tell(View(ask.Limit)));
    }

    public static Props Props(
        GapSettings settings, CollectionSettings collection, ICandleStore store, BarGrid grid,
        TimeProvider clock, IActorRef queue, CollectorMetrics? metrics = null) =>
        Akka.Actor.Props.Create(() =>
            new GapFiller(settings, collection, store, grid, clock, queue, metrics));

    private Instant Now => _clock.GetUtcNow().ToInstant();

    protected override void PreStart()
    {
        _self = Self;

        // A minute after start: the first rounds close the newest gaps; this finds the rest.
        Schedule(TimeSpan.FromMinutes(1));
    }

    protected override void PostStop() => _timer?.Dispose();

    private void OnStartPass()
    {
        if (_passRunning)
            return;

        _passRunning = true;
        _queue
            .Ask<QueueProtocol.Universe>(new QueueProtocol.GetUniverse(0), TimeSpan.FromSeconds(5))
            .PipeTo(Self, failure: e => new PassFailed($"no universe from the queue: {e.Message}"));
    }

    private void OnUniverse(QueueProtocol.Universe universe)
    {
        var all = universe.Symbols ?? [];
        var slice = Slice(all);
        var now = Now;
        var store = _store;

        // Off the mailbox: the store's drivers may block, and a pass reads a lot.
        Task.Run(() => ScanAsync(slice, now, store))
            .PipeTo(Self, failure: e => new PassFailed(e.Message));
    }

    // Round robin through a large universe, a bounded slice per pass.
    private List<Symbol> Slice(IReadOnlyList<Symbol> all)
    {
        if (all.Count <= _settings.SymbolsPerPass)
        {
            _cursor = 0;
            return [.. all];
        }

        if (_cursor >= all.Count)
            _cursor = 0;
        var slice = all.Skip(_cursor).Take(_settings.SymbolsPerPass).ToList();
        _cursor += slice.Count;
        return slice;
    }

    private async Task<PassDone> ScanAsync(
        IReadOnlyList<Symbol> symbols, Instant now, ICandleStore store)
    {
        var pruned = 0L;
        foreach (var interval in BarInterval.All)
        {
            if (RetentionStart(interval, now) is { } horizon)
                pruned += await store.PruneAsync(interval, horizon, CancellationToken.None);
        }

        // One read per interval for the whole slice: a pass runs beside the rounds and must
        // not cost the store a query per symbol and interval.
        var gaps = new List<GapProtocol.OpenGap>();
        foreach (var interval in BarInterval.All)
        {
            var coverage = await store.ReadCoverageAsync(symbols, interval, CancellationToken.None);
            foreach (var symbol in symbols)
            {
                // Never collected: onboarding or the first round backfills it.
                if (!coverage.TryGetValue(symbol, out var covered) || covered.Count == 0)
                    continue;

                if (Window(interval, now, covered[^1].To) is not { } window)
                    continue;

                foreach (var gap in GapFinder.Find(_grid, interval, window, covered))
                    gaps.Add(new GapProtocol.OpenGap(symbol, interval, gap, now));
            }
        }

        return new PassDone(symbols, gaps, pruned);
    }

    // From the look-back start (not before the retention horizon) up to the watermark.
    private TimeRange? Window(BarInterval interval, Instant now, Instant watermark)
    {
        try
        {
            var from = _grid.BackfillStart(now, _settings.LookBackFor(interval, _collection));
            if (RetentionStart(interval, now) is { } horizon && horizon > from)
                from = horizon;
            return from < watermark ? new TimeRange(from, watermark) : null;
        }
        catch (CalendarOutOfRangeException)
        {
            return null;
        }
    }

    private Instant? RetentionStart(BarInterval interval, Instant now)
    {
        if (_settings.RetentionFor(interval) is not { } sessions)
            return null;

        try
        {
            return _grid.BackfillStart(now, sessions);
        }
        catch (CalendarOutOfRangeException)
        {
            return null;
        }
    }

    private void OnPassDone(PassDone done)
    {
        var scanned = done.Symbols.ToHashSet();
        var found = done.Gaps.ToDictionary(g => (g.Symbol, g.Interval, g.Range), g => g.FirstSeen);

        // A gap seen before keeps its first sighting, so its age shows how long it stays.
        foreach (var key in _open.Keys.Where(k => scanned.Contains(k.Item1)).ToList())
        {
            if (!found.ContainsKey(key))
                _open.Remove(key);
        }

        foreach (var (key, seen) in found)
            _open.TryAdd(key, seen);

        if (done.Gaps.Count > 0)
        {
            var requests = done.Gaps
                .Select(g => new QueueProtocol.WorkRequest(
                    g.Symbol, g.Interval, g.Range, WorkKinds.GapFill))
                .ToList();
            _queue.Tell(new QueueProtocol.Enqueue(requests));
            _log.Info("gap filler: {0} gaps in {1} symbols sent to the queue ({2} open in all)",
                done.Gaps.Count, done.Gaps.Select(g => g.Symbol).Distinct().Count(), _open.Count);
        }

        if (done.Pruned > 0)
            _log.Info("gap filler: pruned {0} bars past their retention", done.Pruned);

        _lastPass = Now;
        var oldest = _open.Count == 0 ? Duration.Zero : _lastPass.Value - _open.Values.Min();
        _metrics?.SetOpenGaps(_open.Count, oldest.ToTimeSpan());
        EndPass();
    }

    private void EndPass()
    {
        _passRunning = false;
        Schedule(_settings.Every);
    }

    private GapProtocol.Gaps View(int limit) => new(
        _open.Count,
        [.. _open
            .OrderBy(g => g.Value)
            .Take(limit)
            .Select(g => new GapProtocol.OpenGap(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Value))],
        _lastPass);

    private void Schedule(TimeSpan after)
    {
        _timer?.Dispose();
        _timer = _clock.CreateTimer(
            _ => _self.Tell(StartPass.Instance), null, after, Timeout.InfiniteTimeSpan);
    }

    private sealed class StartPass : INoSerializationVerificationNeeded
    {
        public static readonly StartPass Instance = new();
    }

    private sealed record PassDone(
        IReadOnlyList<Symbol> Symbols, IReadOnlyList<GapProtocol.OpenGap> Gaps, long Pruned)
        : INoSerializationVerificationNeeded;

    private sealed record PassFailed(string Reason) : INoSerializationVerificationNeeded;
}
