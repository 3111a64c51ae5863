using Akka.Actor;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Telemetry;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Domain.Time;
using Akka.Event;
using Akka.Persistence;
using NodaTime;
using NodaTime.Extensions;
using static Akka.Collector.Actors.Protocol.QueueProtocol;

namespace Akka.Collector.Actors.Queue;

/// <summary>
/// The cluster's one queue of work that is not a single fresh fetch (a cluster singleton,
/// event-sourced on the SQL journal): onboarding new symbols, chart history, gap fills and
/// operators' forced collections. It also keeps the runtime universe, seeded once from the
/// configuration. Work is deduplicated by (symbol, interval), run most urgent first with
/// bounded concurrency by the symbols' entities (behind scheduled rounds), and survives a
/// crash: an item leaves the journal only when its entity says it is stored.
/// </summary>
public sealed class CollectionQueue : ReceivePersistentActor, IWithTimers
{
    public const string Id = "collection-queue";

    private readonly QueueSettings _settings;
    private readonly CollectionSettings _collection;
    private readonly IActorRef _symbols;
    private readonly BarGrid _grid;
    private readonly TimeProvider _clock;
    // Real time, for asking a symbol again: a shard hand-off takes real seconds.
    private readonly TimeProvider _wallClock;
    private readonly CollectorMetrics? _metrics;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly QueueState _state = new();

    // Onboard requests waiting for their interval, answered when it lands or their hold ends.
    private readonly Dictionary<Symbol, List<Waiter>> _waiters = [];
    // Chart-triggered onboardings per client, for the per-client cap (market times).
    private readonly Dictionary<string, Queue<Instant>> _byClient = [];
    private readonly Dictionary<long, ITimer> _workTimers = [];
    // Per running item: when its FillRange goes out again while no answer has come.
    private readonly Dictionary<long, ITimer> _askAgainTimers = [];
    private readonly HashSet<Symbol> _byOperator = [];

    private IActorRef _self = ActorRefs.Nobody;
    private ITimer? _dueTimer;
    private long _eventsSinceSnapshot;

    public CollectionQueue(
        QueueSettings settings, CollectionSettings collection, IActorRef symbols, BarGrid grid,
        TimeProvider clock, CollectorMetrics? metrics = null, TimeProvider? wallClock = null)
    {
        _metrics = metrics;
        _wallClock = wallClock ?? TimeProvider.System;
        _settings = settings;
        _collection = collection;
        _symbols = symbols;
        _grid = grid;
        _clock = clock;

        Recover<SnapshotOffer>(offer => _state.Apply(offer.Snapshot));
        Recover<ICollectorMessage>(_state.Apply);
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<GetUniverse>(ask => Sender.Tell(UniverseFor(ask.KnownVersion)));
        Command<Onboard>(OnOnboard);
        Command<RemoveSymbol>(OnRemove);
        Command<Enqueue>(enqueue => Add(enqueue.Requests, Sender));
        Command<CollectNow>(OnCollectNow);
        Command<GetQueue>(ask => Sender.Tell(View(ask.Limit)));
        Command<SymbolProtocol.RangeFilled>(OnFilled);
        Command<SymbolProtocol.RangeFailed>(OnFailed);
        Command<WorkTimedOut>(OnTimedOut);
        Command<AskAgain>(OnAskAgain);
        Command<HoldEnded>(OnHoldEnded);
        Command<Dispatch>(_ => DispatchWork());
        Command<SaveSnapshotSuccess>(saved => DeleteMessages(saved.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(failed => _log.Warning(
            "collection queue: snapshot failed ({0}); recovery replays more events",
            failed.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failed => _log.Warning(
            "collection queue: deleting journaled events failed ({0}); they stay and are " +
            "replayed after the snapshot", failed.Cause.Message));
    }

    public override string PersistenceId => Id;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="clock">The market clock: due times, work timeouts, retry delays.</param>
    /// <param name="wallClock">Real time, for sending a running item's request again while
    /// it goes unanswered (<see cref="CollectionSettings.CollectRetryAfter"/>); the system
    /// clock if null.</param>
    public static Props Props(
        QueueSettings settings, CollectionSettings collection, IActorRef symbols, BarGrid grid,
        TimeProvider clock, CollectorMetrics? metrics = null, TimeProvider? wallClock = null) =>
        Akka.Actor.Props.Create(() => new CollectionQueue(
            settings, collection, symbols, grid, clock, metrics, wallClock));

    private Instant Now => _clock.GetUtcNow().ToInstant();

    protected override void PreStart()
    {
        _self = Self;
        base.PreStart();
    }

    protected override void PostStop()
    {
        _dueTimer?.Dispose();
        foreach (var timer in _workTimers.Values.Concat(_askAgainTimers.Values))
            timer.Dispose();
        base.PostStop();
    }

    private void OnRecovered()
    {
        if (!_state.Seeded)
        {
            _log.Info("collection queue: first start; the universe is seeded with the {0} " +
                "configured symbols and the stored universe wins from now on",
                _collection.Universe.Count);
            var seeded = new UniverseSeeded([.. _collection.Universe]);
            _state.Apply(seeded);
            PersistThen([seeded], DispatchWork);
            return;
        }

        ReportDrift();
        _log.Info("collection queue: recovered {0} symbols, {1} queued items, {2} onboarding, " +
            "{3} quarantined ranges", _state.Universe.Count, _state.Depth,
            _state.Onboardings.Count, _state.Quarantined.Count);
        DispatchWork();
    }

    // The stored universe wins over the configured list; a difference is said, not acted on.
    private void ReportDrift()
    {
        var configured = _collection.Universe.ToHashSet();
        var missing = configured.Where(s => !_state.InUniverse(s)).Select(s => s.Value).ToList();
        var extra = _state.Universe.Where(s => !configured.Contains(s))
            .Select(s => s.Value).ToList();

        if (missing.Count > 0)
        {
            _log.Warning("collection queue: {0} configured symbols are not in the stored " +
                "universe and are not collected: {1}. Add them with `collectorctl symbols add` " +
                "(or POST /api/v1/admin/symbols)", missing.Count, Sample(missing));
        }

        if (extra.Count > 0)
        {
            _log.Info("collection queue: {0} stored symbols are not in the configuration and " +
                "stay collected: {1}. Remove them with `collectorctl symbols remove`",
                extra.Count, Sample(extra));
        }
    }

    private Universe UniverseFor(long knownVersion) =>
        knownVersion == _state.UniverseVersion
            ? new Universe(_state.UniverseVersion, null)
            : new Universe(_state.UniverseVersion, [.. _state.Universe]);

    private void OnOnboard(Onboard ask)
    {
        var now = Now;
        if (Resolved(ask.Symbol, ask.First, now) is { } answer)
        {
            Sender.Tell(answer);
            return;
        }

        if (!_state.Onboardings.ContainsKey(ask.Symbol))
        {
            if (!ask.Forced && CapFor(ask.Client, now) is { } cap)
            {
                Sender.Tell(new OnboardState(
                    ask.Symbol, OnboardOutcome.Capped, cap.RetryAfter, cap.Why));
                return;
            }

            BeginOnboarding(ask, now);
        }

        Hold(ask);
    }

    // An answer that needs no waiting: in the universe, rejected lately, or asked interval
    // collected already. Null while the onboarding has to run.
    private OnboardState? Resolved(Symbol symbol, BarInterval interval, Instant now)
    {
        if (_state.InUniverse(symbol))
            return new OnboardState(symbol, OnboardOutcome.InUniverse, null, null);

        if (_state.Rejected(symbol) is { } rejected
            && now - rejected.At < Duration.FromTimeSpan(_settings.RejectedFor))
            return new OnboardState(symbol, OnboardOutcome.Unknown, null, rejected.Reason);

        if (_state.Onboardings.TryGetValue(symbol, out var onboarding)
            && onboarding.Checked && !onboarding.Pending.Contains(interval))
            return new OnboardState(symbol, OnboardOutcome.Ready, null, null);

        return null;
    }

    // Which cap holds, said so that the client (and its operator) knows which one to wait
    // for or raise.
    private (TimeSpan RetryAfter, string Why)? CapFor(string client, Instant now)
    {
        var charted = _state.Onboardings.Count(o => !_byOperator.Contains(o.Key));
        if (charted >= _settings.MaxOnboarding)
        {
            return (_clock.ToRealTime(_settings.RetryDelay),
                $"{charted} new symbols are being added for charts at once, the most " +
                "collector.onboarding.max-in-progress allows");
        }

        var window = Duration.FromTimeSpan(_settings.ClientWindow);
        var started = _byClient.TryGetValue(client, out var times) ? times : new Queue<Instant>();
        while (started.Count > 0 && now - started.Peek() >= window)
            started.Dequeue();
        _byClient[client] = started;

        if (started.Count < _settings.PerClient)
            return null;

        return (_clock.ToRealTime((started.Peek() + window - now).ToTimeSpan()),
            $"this client has added {started.Count} new symbols in the last " +
            $"{DurationText.Of(_settings.ClientWindow)}, the most " +
            "collector.onboarding.per-client allows");
    }

    private void BeginOnboarding(Onboard ask, Instant now)
    {
        if (!ask.Forced)
        {
            _byClient[ask.Client].Enqueue(now);
            _log.Info("collection queue: onboarding {0} for client {1} (first {2})",
                ask.Symbol, ask.Client, ask.First);
        }
        else
        {
            // An operator's onboarding does not count against the charts' cap.
            _byOperator.Add(ask.Symbol);
            _log.Info("collection queue: onboarding {0}, asked by an operator", ask.Symbol);
        }

        var events = new List<object> { new OnboardingBegun(ask.Symbol, ask.First, now) };
        _state.Apply(events[0]);
        if (BackfillRange(BarInterval.M1, now) is { } range
            && _state.Merge(new WorkRequest(ask.Symbol, BarInterval.M1, range,
                WorkKinds.Onboarding), now) is { } check)
        {
            events.Add(new WorkAdded(check));
            _state.Apply(events[^1]);
        }

        PersistThen(events, DispatchWork);
    }

    private void Hold(Onboard ask)
    {
        if (!_waiters.TryGetValue(ask.Symbol, out var list))
            _waiters[ask.Symbol] = list = [];

        var waiter = new Waiter(Sender, ask.First);
        list.Add(waiter);
        // Real time, like the HTTP request that waits on it.
        Timers.StartSingleTimer(waiter, new HoldEnded(ask.Symbol, waiter), ask.Hold);
    }

    private void OnHoldEnded(HoldEnded ended)
    {
        if (!_waiters.TryGetValue(ended.Symbol, out var list) || !list.Remove(ended.Waiter))
            return;

        ended.Waiter.ReplyTo.Tell(new OnboardState(ended.Symbol, OnboardOutcome.Pending,
            PendingRetryAfter(), "being checked with the vendor and backfilled"));
    }

    private void AnswerWaiters(Symbol symbol)
    {
        if (!_waiters.TryGetValue(symbol, out var list))
            return;

        var now = Now;
        var stillOnboarding = _state.Onboardings.ContainsKey(symbol);
        foreach (var waiter in list.ToList())
        {
            var answer = Resolved(symbol, waiter.Interval, now)
                ?? (stillOnboarding
                    ? null
                    : new OnboardState(symbol, OnboardOutcome.Unknown, null,
                        "the onboarding ended without the symbol joining the universe"));
            if (answer is null)
                continue;

            waiter.ReplyTo.Tell(answer);
            list.Remove(waiter);
        }

        if (list.Count == 0)
            _waiters.Remove(symbol);
    }

    // A fill step takes seconds; say a few, in real time.
    private TimeSpan PendingRetryAfter() => TimeSpan.FromSeconds(2);

    private void OnRemove(RemoveSymbol remove)
    {
        var known = _state.InUniverse(remove.Symbol)
            || _state.Onboardings.ContainsKey(remove.Symbol);
        if (!known)
        {
            Sender.Tell(new SymbolRemoved(remove.Symbol, false));
            return;
        }

        var replyTo = Sender;
        var left = new SymbolLeft(remove.Symbol);
        _state.Apply(left);
        PersistThen([left], () =>
        {
            _log.Info("collection queue: {0} left the universe; its stored bars stay",
                remove.Symbol);
            replyTo.Tell(new SymbolRemoved(remove.Symbol, true));
            AnswerWaiters(remove.Symbol);
        });
    }

    private void OnCollectNow(CollectNow ask)
    {
        IReadOnlyCollection<Symbol> symbols = ask.Symbol is { } one ? [one] : _state.Universe;
        var range = ask.Range is { } given
            ? ClosedPart(given, ask.Interval, Now)
            : CurrentSessionRange(ask.Interval, Now);
        if (range is not { } r || r.IsEmpty)
        {
            Sender.Tell(new Enqueued(0, symbols.Count));
            return;
        }

        Add([.. symbols.Select(s => new WorkRequest(s, ask.Interval, r, WorkKinds.Forced))],
            Sender);
    }

    private void Add(IReadOnlyList<WorkRequest> requests, IActorRef replyTo)
    {
        var now = Now;
        var events = new List<object>();
        var skipped = 0;
        foreach (var request in requests)
        {
            if (request.Range.IsEmpty || _state.Merge(request, now) is not { } item)
            {
                skipped++;
                continue;
            }

            if (_state.Item(item.Id) == item)
                continue;

            var added = new WorkAdded(item);
            _state.Apply(added);
            events.Add(added);
        }

        var accepted = requests.Count - skipped;
        PersistThen(events, () =>
        {
            replyTo.Tell(new Enqueued(accepted, skipped));
            DispatchWork();
        });
    }

    private void DispatchWork()
    {
        var now = Now;
        var slots = _settings.Concurrency - _state.Running.Count();
        foreach (var item in _state.Runnable(now, slots))
        {
            _state.MarkRunning(item);
            _workTimers[item.Id] = _clock.CreateTimer(
                SendToSelf, new WorkTimedOut(item.Id), _settings.WorkTimeout,
                Timeout.InfiniteTimeSpan);
            ArmAskAgain(item.Id, _collection.CollectRetryAfter);
            _symbols.Tell(new SymbolProtocol.FillRange(
                item.Symbol, item.Interval, item.Range, item.Id));
        }

        ScheduleDue(now);
    }

    private void ArmAskAgain(long id, TimeSpan after)
    {
        if (_askAgainTimers.Remove(id, out var before))
            before.Dispose();
        _askAgainTimers[id] = _wallClock.CreateTimer(
            SendToSelf, new AskAgain(id, after), after, Timeout.InfiniteTimeSpan);
    }

    // Sharding delivers at most once: a FillRange that met its shard being handed off was
    // dropped, and only the work timeout would notice, minutes later. Sent again, it reaches
    // the symbol's entity on its new home; an entity already filling that item ignores it.
    private void OnAskAgain(AskAgain due)
    {
        if (_state.Item(due.Id) is not { } item || !_state.IsRunning(due.Id))
        {
            _askAgainTimers.Remove(due.Id);
            return;
        }

        _log.Info("collection queue: {0} {1} {2} unanswered after {3:0.#} s of real time; " +
            "sending it again (sharding drops a request that meets its shard being handed " +
            "off, or the fill is still running)", item.Symbol, item.Interval, item.Range,
            due.After.TotalSeconds);
        ArmAskAgain(item.Id, due.After * 2);
        _symbols.Tell(new SymbolProtocol.FillRange(
            item.Symbol, item.Interval, item.Range, item.Id));
    }

    private void ScheduleDue(Instant now)
    {
        _dueTimer?.Dispose();
        _dueTimer = null;
        if (_state.NextDue() is not { } due)
            return;

        var wait = due - now;
        _dueTimer = _clock.CreateTimer(
            SendToSelf, Dispatch.Instance,
            wait > Duration.Zero ? wait.ToTimeSpan() : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void OnFilled(SymbolProtocol.RangeFilled filled)
    {
        if (!IsCurrent(filled.WorkId, out var item))
            return;

        var now = Now;
        var events = new List<object>();
        Record(events, new WorkFinished(item.Id, filled.Bars));

        if (item.Kinds.HasFlag(WorkKinds.Onboarding)
            && _state.Onboardings.TryGetValue(item.Symbol, out var onboarding))
        {
            if (!onboarding.Checked)
            {
                // The 1m backfill was the vendor check: no bar in those sessions, no symbol.
                var reason = $"the vendor has no {item.Interval} bars for {item.Symbol} between "
                    + $"{item.Range.From} and {item.Range.To}: unknown or not traded";
                Record(events, new SymbolRejected(item.Symbol, reason, now));
                _log.Info("collection queue: {0} rejected: {1}", item.Symbol, reason);
            }
            else if (item.Interval == BarInterval.M1)
            {
                QueueBackfills(events, onboarding, now);
            }

            JoinWhenDone(events, item.Symbol);
        }

        PersistThen(events, () =>
        {
            AnswerWaiters(item.Symbol);
            DispatchWork();
        });
    }

    // After the check: the chart's interval first, then the others, each to its depth.
    private void QueueBackfills(List<object> events, Onboarding onboarding, Instant now)
    {
        foreach (var interval in onboarding.Pending)
        {
            var request = BackfillRange(interval, now) is { } range
                ? new WorkRequest(onboarding.Symbol, interval, range, WorkKinds.Onboarding)
                : null;
            if (request is not null && _state.Merge(request, now) is { } item)
                Record(events, new WorkAdded(item));
        }
    }

    private void JoinWhenDone(List<object> events, Symbol symbol)
    {
        if (_state.Onboardings.TryGetValue(symbol, out var onboarding)
            && onboarding.Checked
            && onboarding.Pending.All(i => !HasWork(symbol, i)))
        {
            Record(events, new SymbolJoined(symbol));
            _byOperator.Remove(symbol);
            _log.Info("collection queue: {0} joined the universe; every round collects it",
                symbol);
        }
    }

    private bool HasWork(Symbol symbol, BarInterval interval) =>
        _state.Running.Concat(_state.Queued)
            .Any(i => i.Symbol == symbol && i.Interval == interval
                && i.Kinds.HasFlag(WorkKinds.Onboarding));

    private void OnFailed(SymbolProtocol.RangeFailed failed)
    {
        if (!IsCurrent(failed.WorkId, out var item))
            return;

        var reason = $"{failed.Kind}: {failed.Reason}";
        TellWaitersOfFailure(item, reason);
        Fail(item, failed.Kind == Vendors.FailureKind.MalformedReply, reason);
    }

    // A chart waiting for a new symbol hears the vendor's fault at once (502/504), not a
    // "still onboarding" it would poll in vain; the queue retries after its back-off.
    private void TellWaitersOfFailure(WorkItem item, string reason)
    {
        if (!item.Kinds.HasFlag(WorkKinds.Onboarding)
            || !_waiters.TryGetValue(item.Symbol, out var list))
            return;

        var checking = _state.Onboardings.TryGetValue(item.Symbol, out var onboarding)
            && !onboarding.Checked;
        foreach (var waiter in list.Where(w => checking || w.Interval == item.Interval).ToList())
        {
            waiter.ReplyTo.Tell(
                new OnboardState(item.Symbol, OnboardOutcome.Failed, null, reason));
            list.Remove(waiter);
        }
    }

    private void OnTimedOut(WorkTimedOut timedOut)
    {
        if (!IsCurrent(timedOut.Id, out var item))
            return;

        _log.Warning("collection queue: {0} {1} {2} got no answer in {3}; it queues again",
            item.Symbol, item.Interval, item.Range, _settings.WorkTimeout);
        var reason = "Timeout: no answer from the symbol's entity in time";
        TellWaitersOfFailure(item, reason);
        Fail(item, malformed: false, reason);
    }

    // Malformed replies quarantine the range after a bounded number of tries (one, for a
    // range quarantined before); every other failure queues it again after a back-off.
    private void Fail(WorkItem item, bool malformed, string reason)
    {
        var now = Now;
        var tries = item.Attempts + 1;
        var before = _state.Quarantined.FirstOrDefault(q =>
            q.Symbol == item.Symbol && q.Interval == item.Interval
            && q.Range.From < item.Range.To && item.Range.From < q.Range.To);
        var events = new List<object>();

        if (malformed && (tries >= _settings.QuarantineAfter || before is not null))
        {
            var retryAt = now + Duration.FromTimeSpan(_settings.QuarantineRetry);
            var range = new QuarantinedRange(item.Symbol, item.Interval, item.Range, reason,
                tries + (before?.Tries ?? 0), retryAt);
            _log.Warning("collection queue: {0} {1} {2} quarantined after {3} tries ({4}); " +
                "one more try at {5}", item.Symbol, item.Interval, item.Range, range.Tries,
                reason, retryAt);

            var checking = _state.Onboardings.TryGetValue(item.Symbol, out var onboarding)
                && !onboarding.Checked && item.Kinds.HasFlag(WorkKinds.Onboarding);
            Record(events, new WorkQuarantined(item.Id, range));
            if (checking)
            {
                Record(events, new SymbolRejected(item.Symbol,
                    $"the vendor's bars for it fail validation: {reason}", now));
            }
            else
            {
                JoinWhenDone(events, item.Symbol);
            }
        }
        else
        {
            var delay = RetryDelay(tries);
            _log.Info("collection queue: {0} {1} {2} failed (try {3}: {4}); again in {5}",
                item.Symbol, item.Interval, item.Range, tries, reason, delay);
            Record(events, new WorkDeferred(item.Id, now + Duration.FromTimeSpan(delay), reason));
        }

        PersistThen(events, () =>
        {
            AnswerWaiters(item.Symbol);
            DispatchWork();
        });
    }

    private TimeSpan RetryDelay(int tries)
    {
        var delay = _settings.RetryDelay * Math.Pow(2, Math.Min(tries - 1, 16));
        return delay < _settings.MaxRetryDelay ? delay : _settings.MaxRetryDelay;
    }

    private bool IsCurrent(long id, out WorkItem item)
    {
        item = _state.Item(id)!;
        if (item is null || !_state.IsRunning(id))
            return false;

        if (_workTimers.Remove(id, out var timer))
            timer.Dispose();
        if (_askAgainTimers.Remove(id, out var askAgain))
            askAgain.Dispose();
        return true;
    }

    private QueueView View(int limit) => new(
        _state.Depth,
        [.. _state.Running.Take(limit)],
        [.. _state.Queued.Take(limit)],
        [.. _state.Onboardings.Values.Take(limit)],
        [.. _state.Quarantined.Take(limit)]);

    private TimeRange? BackfillRange(BarInterval interval, Instant now)
    {
        try
        {
            var from = _grid.BackfillStart(now, _collection.BackfillSessionsFor(interval));
            var to = _grid.LatestClosed(now - _collection.SettleDelay, interval).End;
            return from < to ? new TimeRange(from, to) : null;
        }
        catch (CalendarOutOfRangeException e)
        {
            _log.Error("collection queue: no {0} backfill can be placed: {1}", interval,
                e.Message);
            return null;
        }
    }

    // An operator's range ends at most where the latest settled bar does, as a round's: a
    // range to "now" recorded the forming bar's time as fetched (off the grid, past what was
    // stored) while the bar itself was dropped as still forming.
    private TimeRange? ClosedPart(TimeRange range, BarInterval interval, Instant now)
    {
        try
        {
            var closed = _grid.LatestClosed(now - _collection.SettleDelay, interval).End;
            return range.To <= closed ? range
                : range.From < closed ? new TimeRange(range.From, closed)
                : null;
        }
        catch (CalendarOutOfRangeException e)
        {
            _log.Error("collection queue: no {0} range can be placed: {1}", interval, e.Message);
            return null;
        }
    }

    private TimeRange? CurrentSessionRange(BarInterval interval, Instant now)
    {
        try
        {
            var to = _grid.LatestClosed(now - _collection.SettleDelay, interval).End;
            var from = _grid.Calendar.CurrentOrLastSession(to - Duration.FromTicks(1)).Open;
            return from < to ? new TimeRange(from, to) : null;
        }
        catch (CalendarOutOfRangeException e)
        {
            _log.Error("collection queue: no {0} range can be placed: {1}", interval, e.Message);
            return null;
        }
    }

    private void Record(List<object> events, object @event)
    {
        _state.Apply(@event);
        events.Add(@event);
    }

    /// <summary>
    /// Journals events already applied to the state, then runs <paramref name="then"/>.
    /// Applying first lets one command build on its own earlier events (two requests for one
    /// key merge); commands arriving meanwhile wait, and a failed write restarts the actor,
    /// which recovers what was journaled and nothing else.
    /// </summary>
    private void PersistThen(IReadOnlyList<object> events, Action then)
    {
        if (events.Count == 0)
        {
            then();
            return;
        }

        var left = events.Count;
        PersistAll(events, _ =>
        {
            _eventsSinceSnapshot++;
            if (--left > 0)
                return;

            if (_eventsSinceSnapshot >= _settings.SnapshotEvery)
            {
                _eventsSinceSnapshot = 0;
                SaveSnapshot(_state.Snapshot());
            }

            then();

            // On this node's event stream too, for metrics and for tests that wait on them:
            // after what follows them (timers armed, work dispatched), so whoever sees an
            // event (a test moving the clock) sees the queue that event left behind.
            foreach (var @event in events)
                Context.System.EventStream.Publish(@event);
            _metrics?.SetQueueDepth(_state.Depth);
            _metrics?.SetQuarantined(_state.Quarantined.Count);
        });
    }

    private static string Sample(IReadOnlyList<string> symbols) =>
        symbols.Count <= 20
            ? string.Join(", ", symbols)
            : string.Join(", ", symbols.Take(20)) + $" and {symbols.Count - 20} more";

    private void SendToSelf(object? message) => _self.Tell(message!);

    // A class: two identical requests are two waiters, each with its own hold timer.
    private sealed class Waiter(IActorRef replyTo, BarInterval interval)
    {
        public IActorRef ReplyTo { get; } = replyTo;

        public BarInterval Interval { get; } = interval;
    }

    private sealed record HoldEnded(Symbol Symbol, Waiter Waiter)
        : INoSerializationVerificationNeeded;

    private sealed record WorkTimedOut(long Id) : INoSerializationVerificationNeeded;

    /// <param name="After">Real time this ask waited; the next waits twice as long.</param>
    private sealed record AskAgain(long Id, TimeSpan After) : INoSerializationVerificationNeeded;

    private sealed class Dispatch : INoSerializationVerificationNeeded
    {
        public static readonly Dispatch Instance = new();
    }
}
