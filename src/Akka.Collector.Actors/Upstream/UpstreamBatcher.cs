using Akka.Actor;
using Akka.Collector.Actors.Budget;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store;
using Akka.Collector.Vendors;
using Akka.Event;

namespace Akka.Collector.Actors.Upstream;

/// <summary>
/// One per interval per node. Merges the fetches that this node's symbol entities ask for into
/// multi-symbol vendor requests, runs at most <see cref="CollectionSettings.ConcurrencyPerInterval"/>
/// of them at a time, stores each reply in one batched write and answers every entity. Being
/// per interval, a hung 1m request can only ever hold 1m's own slots.
/// </summary>
public sealed class UpstreamBatcher : ReceiveActor, IWithTimers
{
    private readonly BarInterval _interval;
    private readonly IBarSource _source;
    private readonly ICandleStore _store;
    private readonly BarGrid _grid;
    private readonly TimeProvider _clock;
    private readonly CollectionSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Requests waiting for the merge window, grouped by the range they ask for.
    private readonly Dictionary<TimeRange, List<Requester>> _pending = [];
    private readonly Queue<Batch> _rounds = new();
    private readonly Queue<Batch> _backfill = new();
    private readonly RequestBudget _budget;
    private IActorRef _self = ActorRefs.Nobody;
    private ITimer? _budgetTimer;
    private int _inFlight;

    public UpstreamBatcher(
        BarInterval interval,
        IBarSource source,
        ICandleStore store,
        BarGrid grid,
        TimeProvider clock,
        CollectionSettings settings,
        CapacityPlan plan)
    {
        _interval = interval;
        _source = source;
        _store = store;
        _grid = grid;
        _clock = clock;
        _settings = settings;
        _budget = new RequestBudget(plan.ReservedFor(interval), clock);

        Receive<UpstreamProtocol.FetchBars>(OnFetch);
        Receive<FlushPending>(_ => Flush());
        Receive<BatchFinished>(OnFinished);
        Receive<BudgetRefilled>(_ => TryStart());
    }

    protected override void PreStart() => _self = Self;

    protected override void PostStop() => _budgetTimer?.Dispose();

    public ITimerScheduler Timers { get; set; } = null!;

    private int MaxSymbols => Math.Max(1, _source.Limits.MaxSymbolsPerRequest);

    public static Props Props(
        BarInterval interval, IBarSource source, ICandleStore store, BarGrid grid,
        TimeProvider clock, CollectionSettings settings, CapacityPlan plan) =>
        Akka.Actor.Props.Create(() =>
            new UpstreamBatcher(interval, source, store, grid, clock, settings, plan));

    private void OnFetch(UpstreamProtocol.FetchBars fetch)
    {
        if (!_pending.TryGetValue(fetch.Range, out var group))
            _pending[fetch.Range] = group = [];

        group.Add(new Requester(fetch.Symbol, Sender, fetch.Backfill));

        // A full request goes now; a partial one waits for the window to gather company.
        if (group.Count >= MaxSymbols)
        {
            _pending.Remove(fetch.Range);
            Enqueue(new Batch(fetch.Range, group));
            TryStart();
        }
        else if (!Timers.IsTimerActive("flush"))
        {
            Timers.StartSingleTimer("flush", FlushPending.Instance, _settings.BatchWindow);
        }
    }

    private void Flush()
    {
        foreach (var (range, group) in _pending)
        {
            foreach (var chunk in group.Chunk(MaxSymbols))
                Enqueue(new Batch(range, [.. chunk]));
        }

        _pending.Clear();
        TryStart();
    }

    // Scheduled rounds go ahead of history, so a long backfill never delays the newest bar.
    private void Enqueue(Batch batch)
    {
        if (batch.Requesters.All(r => r.Backfill))
            _backfill.Enqueue(batch);
        else
            _rounds.Enqueue(batch);
    }

    private void TryStart()
    {
        while (_inFlight < _settings.ConcurrencyPerInterval && (_rounds.Count > 0 || _backfill.Count > 0))
        {
            if (!_budget.TryTake())
            {
                // Out of this interval's share of the vendor budget: wait for it on the clock.
                var wait = _budget.UntilNext();
                if (wait != Timeout.InfiniteTimeSpan)
                {
                    _budgetTimer?.Dispose();
                    _budgetTimer = _clock.CreateTimer(
                        _ => _self.Tell(BudgetRefilled.Instance), null, wait, Timeout.InfiniteTimeSpan);
                }

                return;
            }

            var batch = _rounds.Count > 0 ? _rounds.Dequeue() : _backfill.Dequeue();
            _inFlight++;
            // Off the mailbox thread from the first line: drivers may block inside async calls.
            Task.Run(() => RunAsync(batch)).PipeTo(Self);
        }
    }

    private void OnFinished(BatchFinished done)
    {
        _inFlight--;

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

        TryStart();
    }

    // Runs off the mailbox: the actor keeps taking requests while the vendor and store work.
    private async Task<BatchFinished> RunAsync(Batch batch)
    {
        var symbols = batch.Requesters.Select(r => r.Symbol).Distinct().ToList();
        var timeout = _settings.RequestTimeoutFor(_interval);

        BarBatch reply;
        try
        {
            var request = new BarRequest(symbols, _interval.FetchedAs, batch.Range);
            using var cancel = new CancellationTokenSource(timeout, _clock);

            // WaitAsync abandons a vendor call that ignores its token, so a hang never holds a slot.
            reply = await _source.FetchAsync(request, cancel.Token).WaitAsync(timeout, _clock);
        }
        catch (Exception e)
        {
            var failure = Classify(e, timeout);
            _log.Warning(
                "{0} fetch of {1} symbols over {2} failed ({3}): {4}; their entities will retry",
                _interval, symbols.Count, batch.Range, failure.Kind, failure.Reason);
            return new BatchFinished(batch, new Dictionary<Symbol, int>(), failure);
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
            return new BatchFinished(batch, new Dictionary<Symbol, int>(),
                new Failure(FailureKind.MalformedReply, e.Message));
        }

        if (shaped.Rejections.Count > 0)
        {
            _log.Warning(
                "{0} reply from {1} had {2} bars dropped by validation, first: {3}",
                _interval, _source.Name, shaped.Rejections.Count, shaped.Rejections[0]);
        }

        try
        {
            using var cancel = new CancellationTokenSource(_settings.WriteTimeout);
            await _store.WriteAsync(shaped.Writes, cancel.Token);
        }
        catch (Exception e)
        {
            _log.Error(e, "{0} store write of {1} symbols over {2} failed; nothing of it is kept",
                _interval, symbols.Count, batch.Range);
            return new BatchFinished(batch, new Dictionary<Symbol, int>(),
                new Failure(FailureKind.StoreUnavailable, $"store write failed: {e.Message}"));
        }

        var stored = shaped.Writes.ToDictionary(w => w.Symbol, w => w.Bars.Count);
        return new BatchFinished(batch, stored, null);
    }

    private static Failure Classify(Exception e, TimeSpan timeout) => e switch
    {
        BarSourceException vendor => new Failure(vendor.Kind, vendor.Message),
        TimeoutException or OperationCanceledException =>
            new Failure(FailureKind.Timeout, $"vendor did not answer within {timeout.TotalSeconds:0.#} s"),
        _ => new Failure(FailureKind.VendorDown, $"{e.GetType().Name}: {e.Message}"),
    };

    private sealed record Requester(Symbol Symbol, IActorRef ReplyTo, bool Backfill);

    private sealed record Batch(TimeRange Range, List<Requester> Requesters);

    private sealed record Failure(FailureKind Kind, string Reason);

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
