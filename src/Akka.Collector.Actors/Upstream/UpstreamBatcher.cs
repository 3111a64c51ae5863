using Akka.Actor;
using Akka.Collector.Actors.Budget;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Telemetry;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Domain.Time;
using Akka.Collector.Store;
using Akka.Collector.Vendors;
using Akka.Event;

namespace Akka.Collector.Actors.Upstream;

/// <summary>
/// One per interval per node. Merges the fetches that this node's symbol entities ask for into
/// multi-symbol vendor requests, runs at most
/// <see cref="CollectionSettings.ConcurrencyPerInterval"/>
/// of them on the wire at a time, stores each reply in one batched write and answers every
/// entity. Being per interval, a hung 1m request can only ever hold 1m's own slots. A slot is
/// the vendor's: it is freed as soon as the vendor client has read the reply
/// (<see cref="WireSlot"/>), so the next request goes while this one is parsed, checked and
/// stored; a further page of a fetch asks for a slot again, ahead of new batches.
/// Every HTTP request the vendor client makes for a batch (pages and retries included) draws
/// on this interval's part of the node's <see cref="RequestBudget"/>, rounds ahead of
/// backfill; a batch starts only when the budget could pay for its first request, so batches
/// wait for the budget in this queue, not in a slot. A multi-symbol request the vendor answers
/// malformed or refuses as a bad request is split in halves and retried at once, down to
/// single symbols, so one symbol's broken data fails that symbol alone, not its batch.
/// </summary>
public sealed class UpstreamBatcher : ReceiveActor, IWithTimers
{
    private readonly BarInterval _interval;
    private readonly IBarSource _source;
    private readonly ICandleStore _store;
    private readonly BarGrid _grid;
    private readonly TimeProvider _clock;
    private readonly TimeProvider _wallClock;
    private readonly CollectionSettings _settings;
    private readonly CollectorMetrics? _metrics;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Requests waiting for the merge window, grouped by the range they ask for.
    private readonly Dictionary<TimeRange, List<Requester>> _pending = [];
    private readonly Queue<Batch> _splits = new();
    private readonly Queue<Batch> _rounds = new();
    private readonly Queue<Batch> _backfill = new();
    private readonly RequestBudget _budget;
    private IActorRef _self = ActorRefs.Nobody;
    private ITimer? _budgetTimer;

    // Fetches whose next page waits for a slot: they go before any new batch.
    private readonly Queue<WireSlot> _wanted = new();

    // Slots held: requests on the wire, or fetches that have not said their reply is read.
    private int _onWire;

    // Fetches running, on the wire or reading their reply. Bounded at twice the slots: a
    // vendor answering faster than replies are read slows the fetching, not the memory.
    private int _fetching;

    // Replies being stored. Bounded, at twice the slots so that lanes finishing together
    // never wait for each other's writes, and so a store slower than the vendor slows the
    // fetching instead of piling up replies in memory.
    private int _writing;

    // The merge window of the partial groups in _pending has passed: they go as soon as a
    // slot is free and no round's request waits for it.
    private bool _windowDue;

    public UpstreamBatcher(
        BarInterval interval,
        IBarSource source,
        ICandleStore store,
        BarGrid grid,
        TimeProvider clock,
        TimeProvider wallClock,
        CollectionSettings settings,
        RequestBudget budget,
        CollectorMetrics? metrics = null)
    {
        _interval = interval;
        _source = source;
        _store = store;
        _grid = grid;
        _clock = clock;
        _wallClock = wallClock;
        _settings = settings;
        _metrics = metrics;
        _budget = budget;

        Receive<UpstreamProtocol.FetchBars>(OnFetch);
        Receive<FlushPending>(_ => OnWindowPassed());
        Receive<Fetched>(OnFetched);
        Receive<BatchFinished>(OnFinished);
        Receive<BudgetRefilled>(_ => TryStart());
        Receive<WireSlot.SlotWanted>(OnSlotWanted);
        Receive<WireSlot.SlotFreed>(_ => OnSlotFreed());
    }

    protected override void PreStart() => _self = Self;

    protected override void PostStop() => _budgetTimer?.Dispose();

    public ITimerScheduler Timers { get; set; } = null!;

    private int MaxSymbols => Math.Max(1, _source.Limits.MaxSymbolsPerRequest);

    public static Props Props(
        BarInterval interval, IBarSource source, ICandleStore store, BarGrid grid,
        TimeProvider clock, TimeProvider wallClock, CollectionSettings settings,
        RequestBudget budget, CollectorMetrics? metrics = null) =>
        Akka.Actor.Props.Create(() => new UpstreamBatcher(
            interval, source, store, grid, clock, wallClock, settings, budget, metrics));

    private void OnFetch(UpstreamProtocol.FetchBars fetch)
    {
        if (!_pending.TryGetValue(fetch.Range, out var group))
            _pending[fetch.Range] = group = [];

        group.Add(new Requester(fetch.Symbol, Sender, fetch.Backfill));

        // A full request goes now; a partial one waits for the window to gather company.
        if (group.Count >= MaxSymbols)
        {
            _pending.Remove(fetch.Range);
            if (_pending.Count == 0)
            {
                // The window was that group's; the next fetch opens one of its own, so a
                // stream of fetches is not cut into a partial request mid-way.
                Timers.Cancel("flush");
                _windowDue = false;
            }

            Enqueue(new Batch(fetch.Range, group));
            TryStart();
        }
        else if (_windowDue)
        {
            TryStart();
        }
        else if (!Timers.IsTimerActive("flush"))
        {
            Timers.StartSingleTimer("flush", FlushPending.Instance, _settings.BatchWindow);
        }
    }

    private void OnWindowPassed()
    {
        _windowDue = _pending.Count > 0;
        TryStart();
    }

    // Partial groups become requests only when one can start: while every slot is busy or a
    // round's request waits, they keep gathering company at no cost, and each extra request
    // a split group would make costs the vendor budget and a slot.
    private void FlushDue()
    {
        if (!_windowDue)
            return;

        foreach (var (range, group) in _pending)
        {
            foreach (var chunk in group.Chunk(MaxSymbols))
                Enqueue(new Batch(range, [.. chunk]));
        }

        _pending.Clear();
        _windowDue = false;
    }

    // Scheduled rounds go ahead of history, so a long backfill never delays the newest bar.
    private void Enqueue(Batch batch)
    {
        if (batch.IsBackfill)
            _backfill.Enqueue(batch);
        else
            _rounds.Enqueue(batch);
    }

    private void OnSlotWanted(WireSlot.SlotWanted wanted)
    {
        _wanted.Enqueue(wanted.Slot);
        TryStart();
    }

    private void OnSlotFreed()
    {
        _onWire--;
        TryStart();
    }

    private void TryStart()
    {
        var slots = _settings.ConcurrencyPerInterval;

        // A page continues a fetch already paid for up to here: it goes first, and waits for
        // its permit inside the fetch, as its first request did.
        while (_onWire < slots && _wanted.TryDequeue(out var slot))
        {
            if (slot.TryGrant())
                _onWire++;
        }

        while (_onWire < slots && _fetching < 2 * slots && _writing < 2 * slots)
        {
            if (_rounds.Count == 0)
                FlushDue();
            if (_splits.Count == 0 && _rounds.Count == 0 && _backfill.Count == 0)
                return;

            var wait = _budget.UntilNext(_interval);
            if (wait != TimeSpan.Zero)
            {
                // Out of this interval's share of the vendor budget: wait for it in real time,
                // the vendor's. The requests the client makes then draw the permits.
                if (wait != Timeout.InfiniteTimeSpan)
                {
                    _budgetTimer?.Dispose();
                    _budgetTimer = _wallClock.CreateTimer(
                        _ => _self.Tell(BudgetRefilled.Instance),
                        null, wait, Timeout.InfiniteTimeSpan);
                }

                return;
            }

            var batch = _splits.Count > 0 ? _splits.Dequeue()
                : _rounds.Count > 0 ? _rounds.Dequeue()
                : _backfill.Dequeue();
            _onWire++;
            _fetching++;
            var wire = new WireSlot(_self, _budget.For(_interval, backfill: batch.IsBackfill));

            // Off the mailbox thread from the first line: drivers may block inside async calls.
            Task.Run(() => FetchAsync(batch, wire)).PipeTo(Self);
        }
    }

    // The fetch is over: if its client never said the reply was read, its slot is free now.
    // Either way the slot is free before the store write: holding it through the write would
    // add a write to every request's time.
    private void OnFetched(Fetched fetched)
    {
        _fetching--;
        if (fetched.Wire.TryReturn())
            _onWire--;

        _metrics?.VendorRequest(
            _source.Name, _interval, fetched.Failure?.Kind.ToString() ?? CollectorMetrics.Ok);
        if (fetched.Failure is { } failure && TrySplit(fetched.Batch, failure))
        {
            // Its halves answer the requesters.
            TryStart();
            return;
        }

        if (fetched.Shaped is { } shaped)
        {
            _writing++;
            Task.Run(() => StoreAsync(fetched.Batch, shaped)).PipeTo(Self);
        }
        else
        {
            Reply(new BatchFinished(
                fetched.Batch, new Dictionary<Symbol, int>(), fetched.Failure));
        }

        TryStart();
    }

    // A reply broken by one symbol's data, or a request refused for one bad symbol, would
    // otherwise fail every symbol of the batch in every round. Halving finds the culprit in
    // about 2 log2(batch) extra requests, paid from the same budget; a fault of the whole
    // reply (a transient truncation) is simply retried by the halves.
    private bool TrySplit(Batch batch, Failure failure)
    {
        if (failure.Kind is not (FailureKind.MalformedReply or FailureKind.RequestRejected))
            return false;

        var symbols = batch.Requesters.Select(r => r.Symbol).Distinct().ToList();
        if (symbols.Count < 2)
            return false;

        var firstHalf = symbols.Take(symbols.Count / 2).ToHashSet();
        var (left, right) = (new List<Requester>(), new List<Requester>());
        foreach (var requester in batch.Requesters)
            (firstHalf.Contains(requester.Symbol) ? left : right).Add(requester);

        _log.Warning("{0} request for {1} symbols over {2} failed ({3}: {4}); retrying it " +
            "in halves to find the symbol at fault", _interval, symbols.Count, batch.Range,
            failure.Kind, failure.Reason);

        // A round's halves go first, ahead of the rest of the round; history's wait their turn.
        var queue = batch.IsBackfill ? _backfill : _splits;
        queue.Enqueue(batch with { Requesters = left });
        queue.Enqueue(batch with { Requesters = right });
        return true;
    }

    private void OnFinished(BatchFinished done)
    {
        _writing--;
        Reply(done);
        TryStart();
    }

    private void Reply(BatchFinished done)
    {
        foreach (var requester in done.Batch.Requesters)
        {
            object reply = done.Failure is { } failure
                ? new UpstreamProtocol.FetchFailed(
                    requester.Symbol, _interval, done.Batch.Range, failure.Kind, failure.Reason)
                : new UpstreamProtocol.BarsStored(
                    requester.Symbol, _interval, done.Batch.Range,
                    done.StoredPerSymbol.GetValueOrDefault(requester.Symbol));
            requester.ReplyTo.Tell(reply);
        }
    }

    // Runs off the mailbox: the actor keeps taking requests while the vendor works.
    private async Task<Fetched> FetchAsync(Batch batch, WireSlot wire)
    {
        var symbols = batch.Requesters.Select(r => r.Symbol).Distinct().ToList();
        var timeout = _settings.RequestTimeoutFor(_interval);

        BarBatch reply;
        try
        {
            var request = new BarRequest(symbols, _interval.FetchedAs, batch.Range)
            {
                Permits = wire,
            };
            using var cancel = new CancellationTokenSource(timeout, _clock);

            // WaitAsync abandons a vendor call that ignores its token, so a hang never holds a
            // slot.
            reply = await _source.FetchAsync(request, cancel.Token).WaitAsync(timeout, _clock);
        }
        catch (Exception e)
        {
            var failure = Classify(e, timeout);
            _log.Warning(
                "{0} fetch of {1} symbols over {2} failed ({3}): {4}; their entities will retry",
                _interval, symbols.Count, batch.Range, failure.Kind, failure.Reason);
            return new Fetched(batch, wire, null, failure);
        }

        BarShaper.Shaped shaped;
        try
        {
            shaped = BarShaper.Shape(reply, symbols, _interval, batch.Range, _grid);
        }
        catch (Exception e)
        {
            _log.Error(e, "{0} reply from {1} over {2} could not be shaped; nothing of it is kept",
                _interval, _source.Name, batch.Range);
            return new Fetched(
                batch, wire, null, new Failure(FailureKind.MalformedReply, e.Message));
        }

        if (shaped.Rejections.Count > 0)
        {
            _log.Warning(
                "{0} reply from {1} had {2} bars dropped by validation, first: {3}",
                _interval, _source.Name, shaped.Rejections.Count, shaped.Rejections[0]);
        }

        return new Fetched(batch, wire, shaped, null);
    }

    // Also off the mailbox: SQLite drivers do their I/O synchronously inside async calls.
    private async Task<BatchFinished> StoreAsync(Batch batch, BarShaper.Shaped shaped)
    {
        try
        {
            using var cancel = new CancellationTokenSource(_settings.WriteTimeout);
            await _store.WriteAsync(shaped.Writes, cancel.Token);
        }
        catch (Exception e)
        {
            _log.Error(e, "{0} store write of {1} symbols over {2} failed; nothing of it is kept",
                _interval, batch.Requesters.Count, batch.Range);
            return new BatchFinished(batch, new Dictionary<Symbol, int>(),
                new Failure(FailureKind.StoreUnavailable, $"store write failed: {e.Message}"));
        }

        var stored = shaped.Writes.ToDictionary(w => w.Symbol, w => w.Bars.Count);
        return new BatchFinished(batch, stored, null);
    }

    // DurationText, not whole seconds: a 1 ms timeout must not read "within 0 s".
    // Known shortcoming: a fetch whose pages wait for the budget past the request timeout
    // is named a Timeout, not RateLimited; telling them apart needs the budget to say it
    // held the request (its entity retries in the next round either way).
    private static Failure Classify(Exception e, TimeSpan timeout) => e switch
    {
        BarSourceException vendor => new Failure(vendor.Kind, vendor.Message),
        TimeoutException or OperationCanceledException =>
            new Failure(FailureKind.Timeout,
                $"vendor did not answer within {DurationText.Of(timeout)}"),
        _ => new Failure(FailureKind.VendorDown, $"{e.GetType().Name}: {e.Message}"),
    };

    private sealed record Requester(Symbol Symbol, IActorRef ReplyTo, bool Backfill);

    private sealed record Batch(TimeRange Range, List<Requester> Requesters)
    {
        /// <summary>History only: it waits behind rounds, here and for the budget.</summary>
        public bool IsBackfill => Requesters.All(r => r.Backfill);
    }

    private sealed record Failure(FailureKind Kind, string Reason);

    /// <param name="Shaped">The reply, checked and ready to store; null when it failed.</param>
    private sealed record Fetched(
        Batch Batch, WireSlot Wire, BarShaper.Shaped? Shaped, Failure? Failure)
        : INoSerializationVerificationNeeded;

    private sealed record BatchFinished(
        Batch Batch, IReadOnlyDictionary<Symbol, int> StoredPerSymbol, Failure? Failure)
        : INoSerializationVerificationNeeded;

    private sealed class FlushPending : INoSerializationVerificationNeeded
    {
        public static readonly FlushPending Instance = new();
    }

    private sealed class BudgetRefilled : INoSerializationVerificationNeeded
    {
        public static readonly BudgetRefilled Instance = new();
    }
}
