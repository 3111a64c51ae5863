using Akka.Actor;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Upstream;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Domain.Time;
using Akka.Collector.Store;
using Akka.Collector.Vendors;
using Akka.Event;
using NodaTime;
using NodaTime.Extensions;

namespace Akka.Collector.Actors.Symbols;

/// <summary>
/// One per symbol, sharded across the cluster. Owns the symbol's per-interval watermark (the
/// end of the newest fetched range), runs at most one fetch per interval at a time and folds
/// every concurrent request for that interval into it. Its durable state is the candle store,
/// so a rebalance or a crash reloads it and loses nothing.
/// </summary>
public sealed class SymbolEntity : ReceiveActor, IWithStash, IWithTimers
{
    // A bound against a runaway count only; a long backfill is a handful of steps.
    private const int MaxStepsCounted = 10_000;

    // Retry-After is whole seconds: an estimate under one second still says 1.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromSeconds(1);

    private readonly Symbol _symbol;
    private readonly ICandleStore _store;
    private readonly BarGrid _grid;
    private readonly TimeProvider _clock;
    private readonly CollectionSettings _settings;
    private readonly UpstreamDirectory _upstream;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private readonly Dictionary<BarInterval, Instant> _watermarks = [];
    private readonly Dictionary<BarInterval, Fetch> _inFlight = [];
    // Queued work filling a given range, at most one per interval (the queue sends no more).
    private readonly Dictionary<BarInterval, Fill> _fills = [];
    // The answer to the last fill of each interval, for the queue asking it again.
    private readonly Dictionary<BarInterval, SymbolProtocol.RangeFilled> _lastFilled = [];
    private readonly Dictionary<BarInterval, string> _lastFailure = [];
    private readonly MalformedBackoff _backoff = new();
    // Market time one fetch step of each interval takes, smoothed; empty until one ends.
    private readonly Dictionary<BarInterval, TimeSpan> _typicalFetch = [];

    public SymbolEntity(
        string entityId,
        ICandleStore store,
        BarGrid grid,
        TimeProvider clock,
        CollectionSettings settings,
        UpstreamDirectory upstream)
    {
        _symbol = Symbol.Parse(entityId);
        _store = store;
        _grid = grid;
        _clock = clock;
        _settings = settings;
        _upstream = upstream;

        Loading();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(
        string entityId, ICandleStore store, BarGrid grid, TimeProvider clock,
        CollectionSettings settings, UpstreamDirectory upstream) =>
        Akka.Actor.Props.Create(() =>
            new SymbolEntity(entityId, store, grid, clock, settings, upstream));

    protected override void PreStart() => LoadWatermarks();

    private void LoadWatermarks()
    {
        // Task.Run: SQLite drivers do their I/O synchronously inside async methods, and that
        // must not happen on this actor's thread.
        var symbol = _symbol;
        var store = _store;
        Task.Run(() => store.ReadWatermarksAsync(symbol, CancellationToken.None))
            .PipeTo(Self,
                success: marks => new WatermarksLoaded(marks),
                failure: e => new LoadFailed(e));
    }

    // Until the watermarks are known every request waits, so none starts a needless backfill.
    private void Loading()
    {
        Receive<WatermarksLoaded>(loaded =>
        {
            foreach (var (interval, mark) in loaded.Marks)
                _watermarks[interval] = mark;

            Become(Ready);
            Stash.UnstashAll();
        });
        Receive<LoadFailed>(failed =>
        {
            _log.Warning("{0}: reading watermarks failed ({1}); retrying in 1 s, requests wait",
                _symbol, failed.Cause.Message);
            Timers.StartSingleTimer("reload", RetryLoad.Instance, TimeSpan.FromSeconds(1));
        });
        Receive<RetryLoad>(_ => LoadWatermarks());
        ReceiveAny(_ => Stash.Stash());
    }

    private void Ready()
    {
        Receive<SymbolProtocol.Collect>(OnCollect);
        Receive<SymbolProtocol.GetFreshness>(OnGetFreshness);
        Receive<SymbolProtocol.FillRange>(OnFillRange);
        Receive<UpstreamProtocol.BarsStored>(stored =>
        {
            if (!OnFillStored(stored))
                OnStored(stored);
        });
        Receive<UpstreamProtocol.FetchFailed>(failed =>
        {
            if (!OnFillFailed(failed))
                OnFailed(failed);
        });
    }

    private void OnCollect(SymbolProtocol.Collect collect)
    {
        var interval = collect.Interval;
        if (_watermarks.TryGetValue(interval, out var mark) && mark >= collect.UpTo)
        {
            Sender.Tell(new SymbolProtocol.Collected(
                _symbol, interval, collect.UpTo, collect.RoundId, mark));
            return;
        }

        var waiter = new Waiter(Sender, collect.UpTo, collect.RoundId);
        if (_inFlight.TryGetValue(interval, out var fetch))
        {
            // Coalesce: the fetch in flight answers this request too, or a follow-up will. A
            // round asks again when it hears nothing for a while (its first ask may have been
            // dropped in a shard hand-off); the same ask again needs no second answer.
            if (!fetch.Waiters.Contains(waiter))
                fetch.Waiters.Add(waiter);
            return;
        }

        if (_backoff.Holding(interval, _clock.GetUtcNow().ToInstant()) is { } held)
        {
            Sender.Tell(new SymbolProtocol.CollectFailed(
                _symbol, interval, collect.UpTo, collect.RoundId, held.Kind, held.Reason));
            return;
        }

        StartFetch(interval, collect.UpTo, [waiter]);
    }

    private void StartFetch(BarInterval interval, Instant upTo, List<Waiter> waiters)
    {
        var known = _watermarks.TryGetValue(interval, out var mark);
        var from = known
            ? mark
            : _grid.BackfillStart(
                _clock.GetUtcNow().ToInstant(), _settings.BackfillSessionsFor(interval));

        if (from >= upTo)
        {
            // Only a never-collected symbol gets here: the request ends before the backfill
            // window starts. Nothing was fetched, so no watermark is recorded; the asker is
            // answered with what it asked for and reads the store as it stands.
            foreach (var waiter in waiters)
            {
                waiter.ReplyTo.Tell(new SymbolProtocol.Collected(
                    _symbol, interval, waiter.UpTo, waiter.RoundId, waiter.UpTo));
            }

            return;
        }

        // A long gap goes in bounded steps; the waiters beyond this one keep the next going.
        var end = _grid.FetchChunkEnd(from, upTo, _settings.SessionsPerFetchFor(interval));

        // At the head (the step that reaches what was asked) the last bars go again, for
        // the vendor's corrections; a step of a long gap was just fetched, so it does not.
        if (known && end == upTo)
            from = CorrectionStart(interval, mark);

        var range = new TimeRange(from, end);
        _inFlight[interval] = new Fetch(range, upTo, _clock.GetTimestamp(), waiters);
        // A first collection or a step of a long gap is history: rounds go ahead of it.
        var backfill = !known || end < upTo;
        _upstream.For(interval).Tell(
            new UpstreamProtocol.FetchBars(_symbol, interval, range, backfill));
    }

    /// <summary>
    /// Where a round's fetch starts: the last <see cref="CollectionSettings.CorrectionBars"/>
    /// bars before the watermark again, so a bar the vendor restated after late trades
    /// replaces the stored one (upserts replace every field). The same request, a little
    /// longer: it costs no extra vendor call.
    /// </summary>
    private Instant CorrectionStart(BarInterval interval, Instant mark)
    {
        var from = mark;
        try
        {
            // Within the session of the newest fetched bar: stepping over a night could reach
            // bars before the backfill window that were never fetched, which is not a
            // correction. Known shortcoming: a restatement of yesterday's last bars after
            // today's first round is not picked up.
            var newest = _grid.LatestClosed(mark, interval);
            var open = _grid.Calendar.SessionAt(newest.Start)?.Open ?? newest.Start;
            for (var i = 0; i < _settings.CorrectionBars && from > open; i++)
                from = _grid.LatestClosed(from, interval).Start;
        }
        catch (CalendarOutOfRangeException)
        {
            // Before the calendar's first bar there is nothing to correct.
        }

        return from;
    }

    private void OnStored(UpstreamProtocol.BarsStored stored)
    {
        if (!_inFlight.TryGetValue(stored.Interval, out var fetch) || fetch.Range != stored.Range)
            return;

        _inFlight.Remove(stored.Interval);

        RecordDuration(stored.Interval, fetch);
        _lastFailure.Remove(stored.Interval);
        _backoff.Stored(stored.Interval);
        _watermarks[stored.Interval] = _watermarks.TryGetValue(stored.Interval, out var mark)
            ? Max(mark, stored.Range.To)
            : stored.Range.To;

        var waiting = Answer(stored.Interval, fetch.Waiters);
        if (waiting.Count > 0)
            StartFetch(stored.Interval, waiting.Max(w => w.UpTo), waiting);
    }

    private void OnFailed(UpstreamProtocol.FetchFailed failed)
    {
        if (!_inFlight.TryGetValue(failed.Interval, out var fetch) || fetch.Range != failed.Range)
            return;

        _inFlight.Remove(failed.Interval);

        RecordDuration(failed.Interval, fetch);
        _lastFailure[failed.Interval] = $"{failed.Kind}: {failed.Reason}";
        var now = _clock.GetUtcNow().ToInstant();
        if (_backoff.Failed(failed.Interval, failed.Kind, failed.Reason, now) is { } until)
        {
            _log.Warning("{0} {1}: the vendor failed its own request again ({2}); rounds " +
                "skip it until {3} (check the symbol with the vendor, or remove it)",
                _symbol, failed.Interval, failed.Kind, until);
        }

        // Those this fetch was started for hear why (their next round or request retries);
        // requests that arrived later, for more than it aimed at, get a fetch of their own.
        var later = new List<Waiter>();
        foreach (var waiter in fetch.Waiters)
        {
            if (waiter.UpTo <= fetch.Target)
            {
                waiter.ReplyTo.Tell(new SymbolProtocol.CollectFailed(
                    _symbol, failed.Interval, waiter.UpTo, waiter.RoundId,
                    failed.Kind, failed.Reason));
            }
            else
            {
                later.Add(waiter);
            }
        }

        if (later.Count > 0)
            StartFetch(failed.Interval, later.Max(w => w.UpTo), later);
    }

    private void OnFillRange(SymbolProtocol.FillRange fill)
    {
        // The queue asks again when it hears nothing for a while; if its answer crossed the
        // ask, it gets the same answer instead of a second fill from the vendor.
        if (_lastFilled.TryGetValue(fill.Interval, out var done) && done.WorkId == fill.WorkId)
        {
            Sender.Tell(done);
            return;
        }

        if (_fills.TryGetValue(fill.Interval, out var running))
        {
            if (running.WorkId == fill.WorkId)
                return;

            // The queue gave up on the older one (its timeout); this one replaces it.
            running.ReplyTo.Tell(new SymbolProtocol.RangeFailed(_symbol, fill.Interval,
                running.Whole, running.WorkId, FailureKind.Timeout, "superseded by a retry"));
        }

        var job = new Fill(fill.WorkId, fill.Range, Sender);
        _fills[fill.Interval] = job;
        NextFillStep(fill.Interval, job, fill.Range.From);
    }

    // History goes in bounded steps, each stored before the next, behind the rounds.
    private void NextFillStep(BarInterval interval, Fill fill, Instant from)
    {
        var end = _grid.FetchChunkEnd(from, fill.Whole.To, _settings.SessionsPerFetchFor(interval));
        fill.Step = new TimeRange(from, end);
        _upstream.For(interval).Tell(
            new UpstreamProtocol.FetchBars(_symbol, interval, fill.Step, Backfill: true));
    }

    private bool OnFillStored(UpstreamProtocol.BarsStored stored)
    {
        if (!_fills.TryGetValue(stored.Interval, out var fill) || fill.Step != stored.Range)
            return false;

        fill.Bars += stored.Stored;
        if (stored.Range.To < fill.Whole.To)
        {
            NextFillStep(stored.Interval, fill, stored.Range.To);
            return true;
        }

        _fills.Remove(stored.Interval);

        // A fill that starts at or before the watermark extends it; one further on leaves a
        // hole the gap filler sees, so the watermark does not jump over it.
        if (!_watermarks.TryGetValue(stored.Interval, out var mark) || fill.Whole.From <= mark)
        {
            _watermarks[stored.Interval] = _watermarks.ContainsKey(stored.Interval)
                ? Max(mark, fill.Whole.To)
                : fill.Whole.To;
        }

        var filled = new SymbolProtocol.RangeFilled(
            _symbol, stored.Interval, fill.Whole, fill.WorkId, fill.Bars);
        _lastFilled[stored.Interval] = filled;
        fill.ReplyTo.Tell(filled);
        return true;
    }

    private bool OnFillFailed(UpstreamProtocol.FetchFailed failed)
    {
        if (!_fills.TryGetValue(failed.Interval, out var fill) || fill.Step != failed.Range)
            return false;

        _fills.Remove(failed.Interval);
        fill.ReplyTo.Tell(new SymbolProtocol.RangeFailed(
            _symbol, failed.Interval, fill.Whole, fill.WorkId, failed.Kind, failed.Reason));
        return true;
    }

    private void OnGetFreshness(SymbolProtocol.GetFreshness ask)
    {
        Instant? mark = _watermarks.TryGetValue(ask.Interval, out var m) ? m : null;
        Instant? inFlightTo = null;
        TimeSpan? expected = null;

        if (_inFlight.TryGetValue(ask.Interval, out var fetch))
        {
            inFlightTo = fetch.Range.To;
            // Retry-After is waited in real time; a fast demo clock makes it shorter.
            var remaining = _clock.ToRealTime(ExpectedRemaining(ask.Interval, fetch));
            expected = remaining > MinimumWait ? remaining : MinimumWait;
        }

        Sender.Tell(new SymbolProtocol.Freshness(
            _symbol, ask.Interval, mark, inFlightTo, expected,
            _lastFailure.GetValueOrDefault(ask.Interval)));
    }

    /// <summary>
    /// Market time until the fetch in flight and the steps after it reach what its waiters
    /// asked for: the rest of a typical step for this one, plus a typical step for each step
    /// still to come. A step's typical duration is measured; before any has ended it is
    /// <see cref="CollectionSettings.FirstStepEstimateFor"/>. Capped at the request timeouts
    /// those steps still have, since each step ends (stored or failed) by its timeout.
    /// </summary>
    private TimeSpan ExpectedRemaining(BarInterval interval, Fetch fetch)
    {
        var timeout = _settings.RequestTimeoutFor(interval);
        var typical = _typicalFetch.TryGetValue(interval, out var measured)
            ? measured
            : _settings.FirstStepEstimateFor(interval);
        var elapsed = _clock.GetElapsedTime(fetch.StartedAt);
        var after = StepsAfter(interval, fetch);

        // A step past its typical duration may end any moment: count none of it, not less.
        var estimate = Positive(typical - elapsed) + typical * after;
        var latest = Positive(timeout - elapsed) + timeout * after;
        return estimate < latest ? estimate : latest;
    }

    // Fetch steps still needed after this one, each bounded by sessions-per-fetch as in
    // StartFetch, to reach the furthest waiter: a first backfill is several of them.
    private int StepsAfter(BarInterval interval, Fetch fetch)
    {
        var target = fetch.Waiters.Count == 0
            ? fetch.Target
            : Max(fetch.Target, fetch.Waiters.Max(w => w.UpTo));
        var perFetch = _settings.SessionsPerFetchFor(interval);
        var steps = 0;
        try
        {
            for (var at = fetch.Range.To; at < target && steps < MaxStepsCounted; steps++)
            {
                var next = _grid.FetchChunkEnd(at, target, perFetch);
                if (next <= at)
                    break;
                at = next;
            }
        }
        catch (CalendarOutOfRangeException)
        {
            // Past the calendar no step can be placed; the steps counted so far stand.
        }

        return steps;
    }

    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;

    // Answers the waiters the watermark now satisfies and returns the rest.
    private List<Waiter> Answer(BarInterval interval, List<Waiter> waiters)
    {
        var mark = _watermarks[interval];
        var rest = new List<Waiter>();
        foreach (var waiter in waiters)
        {
            if (waiter.UpTo <= mark)
                waiter.ReplyTo.Tell(new SymbolProtocol.Collected(
                    _symbol, interval, waiter.UpTo, waiter.RoundId, mark));
            else
                rest.Add(waiter);
        }

        return rest;
    }

    // A smoothed market-time duration of this interval's fetch steps, for an honest
    // Retry-After. Market time, like the request timeout that caps the estimate.
    private void RecordDuration(BarInterval interval, Fetch fetch)
    {
        var took = _clock.GetElapsedTime(fetch.StartedAt);
        _typicalFetch[interval] = _typicalFetch.TryGetValue(interval, out var before)
            ? (before * 3 + took) / 4
            : took;
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private sealed record Waiter(IActorRef ReplyTo, Instant UpTo, long RoundId);

    /// <param name="Target">What the fetch was started for; Range may end sooner (a chunk).</param>
    /// <param name="StartedAt">
    /// A market-clock timestamp (<see cref="TimeProvider.GetTimestamp"/>).
    /// </param>
    private sealed record Fetch(
        TimeRange Range, Instant Target, long StartedAt, List<Waiter> Waiters);

    /// <param name="Whole">The range the queue asked for.</param>
    private sealed class Fill(long workId, TimeRange whole, IActorRef replyTo)
    {
        public long WorkId { get; } = workId;

        public TimeRange Whole { get; } = whole;

        public IActorRef ReplyTo { get; } = replyTo;

        /// <summary>The step in flight.</summary>
        public TimeRange Step { get; set; }

        public int Bars { get; set; }
    }

    private sealed record WatermarksLoaded(IReadOnlyDictionary<BarInterval, Instant> Marks)
        : INoSerializationVerificationNeeded;

    private sealed record LoadFailed(Exception Cause) : INoSerializationVerificationNeeded;

    private sealed class RetryLoad : INoSerializationVerificationNeeded
    {
        public static readonly RetryLoad Instance = new();
    }
}
