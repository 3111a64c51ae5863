using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using NodaTime;
using static Akka.Collector.Actors.Protocol.QueueProtocol;

namespace Akka.Collector.Actors.Queue;

/// <summary>
/// What the collection queue holds, rebuilt from its journal: the universe, queued work,
/// symbols being onboarded, quarantined ranges and symbols the vendor did not know. Events
/// change it through <see cref="Apply"/> only, so recovery and live operation agree; which
/// items run is runtime state and is not journaled (after a crash they queue again).
/// </summary>
public sealed class QueueState
{
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;

    private readonly SortedDictionary<string, Symbol> _universe = new(Ordinal);
    private readonly Dictionary<long, WorkItem> _items = [];
    private readonly Dictionary<(Symbol, BarInterval), long> _queuedByKey = [];
    private readonly HashSet<long> _running = [];
    private readonly HashSet<(Symbol, BarInterval)> _runningKeys = [];
    private readonly Dictionary<Symbol, Onboarding> _onboarding = [];
    private readonly List<QuarantinedRange> _quarantine = [];
    private readonly Dictionary<Symbol, RejectedSymbol> _rejected = [];

    // Random per incarnation, so a collector holding a version from an earlier incarnation
    // of the queue never mistakes it for the current one.
    private readonly long _versionBase = Random.Shared.NextInt64(1, long.MaxValue / 2);
    private long _changes;

    public bool Seeded { get; private set; }

    public long NextId { get; private set; } = 1;

    public long UniverseVersion => _versionBase + _changes;

    public IReadOnlyCollection<Symbol> Universe => _universe.Values;

    public int Depth => _items.Count;

    public IReadOnlyDictionary<Symbol, Onboarding> Onboardings => _onboarding;

    public IReadOnlyList<QuarantinedRange> Quarantined => _quarantine;

    public bool InUniverse(Symbol symbol) => _universe.ContainsKey(symbol.Value);

    public WorkItem? Item(long id) => _items.GetValueOrDefault(id);

    public RejectedSymbol? Rejected(Symbol symbol) => _rejected.GetValueOrDefault(symbol);

    public IEnumerable<WorkItem> Running => _running.Select(id => _items[id]);

    public IEnumerable<WorkItem> Queued =>
        _items.Values.Where(i => !_running.Contains(i.Id)).OrderBy(Order);

    /// <summary>
    /// The item a request becomes: merged into the one queued for the same (symbol,
    /// interval) — the hull of both ranges, the kinds of both — or a new one. Null when a
    /// live quarantine covers it and nothing forces it.
    /// </summary>
    public WorkItem? Merge(WorkRequest request, Instant now)
    {
        if (!request.Kinds.HasFlag(WorkKinds.Forced) && IsQuarantined(request, now))
            return null;

        var key = (request.Symbol, request.Interval);
        if (_queuedByKey.TryGetValue(key, out var id))
        {
            var queued = _items[id];
            var hull = new TimeRange(
                Min(queued.Range.From, request.Range.From), Max(queued.Range.To, request.Range.To));
            var kinds = queued.Kinds | request.Kinds;
            if (hull == queued.Range && kinds == queued.Kinds)
                return queued;

            // New reasons to run make it due at once; a plain repeat keeps its back-off.
            var notBefore = kinds == queued.Kinds ? queued.NotBefore : null;
            return queued with { Range = hull, Kinds = kinds, NotBefore = notBefore };
        }

        return new WorkItem(
            NextId, request.Symbol, request.Interval, request.Range, request.Kinds, 0, null, null);
    }

    /// <summary>Items that may start now, most urgent first, never two of one key.</summary>
    public IEnumerable<WorkItem> Runnable(Instant now, int slots)
    {
        if (slots <= 0)
            return [];

        return _items.Values
            .Where(i => !_running.Contains(i.Id) && !_runningKeys.Contains((i.Symbol, i.Interval)))
            .Where(i => i.NotBefore is not { } at || at <= now)
            .OrderBy(Order)
            .Take(slots)
            .ToList();
    }

    /// <summary>The earliest market time a deferred item becomes runnable, if any waits.</summary>
    public Instant? NextDue() =>
        _items.Values
            .Where(i => !_running.Contains(i.Id) && i.NotBefore is not null)
            .Select(i => i.NotBefore)
            .Min();

    public void MarkRunning(WorkItem item)
    {
        _running.Add(item.Id);
        _runningKeys.Add((item.Symbol, item.Interval));

        // Requests arriving while it runs queue behind it as a new item.
        _queuedByKey.Remove((item.Symbol, item.Interval));
    }

    public bool IsRunning(long id) => _running.Contains(id);

    public void Apply(object @event)
    {
        switch (@event)
        {
            case UniverseSeeded seeded:
                foreach (var symbol in seeded.Symbols)
                    _universe[symbol.Value] = symbol;
                Seeded = true;
                _changes++;
                break;

            case SymbolJoined joined:
                _universe[joined.Symbol.Value] = joined.Symbol;
                _onboarding.Remove(joined.Symbol);
                _changes++;
                break;

            case SymbolLeft left:
                _universe.Remove(left.Symbol.Value);
                _onboarding.Remove(left.Symbol);
                foreach (var item in _items.Values.Where(i => i.Symbol == left.Symbol).ToList())
                    Drop(item.Id);
                _changes++;
                break;

            case OnboardingBegun begun:
                _rejected.Remove(begun.Symbol);
                _onboarding[begun.Symbol] = new Onboarding(
                    begun.Symbol, begun.First, [BarInterval.M1], Checked: false,
                    begun.At);
                break;

            case SymbolRejected rejected:
                _onboarding.Remove(rejected.Symbol);
                _rejected[rejected.Symbol] =
                    new RejectedSymbol(rejected.Symbol, rejected.Reason, rejected.At);
                foreach (var item in _items.Values.Where(i => i.Symbol == rejected.Symbol).ToList())
                    Drop(item.Id);
                break;

            case WorkAdded added:
                Put(added.Item);
                break;

            case WorkFinished finished:
                Finish(finished);
                break;

            case WorkDeferred deferred when _items.TryGetValue(deferred.Id, out var item):
                Release(item);
                Put(item with
                {
                    Attempts = item.Attempts + 1,
                    NotBefore = deferred.NotBefore,
                    LastFailure = deferred.Reason,
                });
                break;

            case WorkQuarantined quarantined:
                _quarantine.RemoveAll(q => Overlaps(q, quarantined.Range));
                _quarantine.Add(quarantined.Range);
                OnboardingStepDone(quarantined.Id);
                Drop(quarantined.Id);
                break;

            case QueueSnapshot snapshot:
                Restore(snapshot);
                break;
        }
    }

    public QueueSnapshot Snapshot() => new(
        [.. _universe.Values], Seeded, NextId,
        // Running items are saved as queued: after a restart they run again.
        [.. _items.Values.OrderBy(i => i.Id)],
        [.. _onboarding.Values],
        [.. _quarantine],
        [.. _rejected.Values]);

    private void Restore(QueueSnapshot snapshot)
    {
        _universe.Clear();
        foreach (var symbol in snapshot.Universe)
            _universe[symbol.Value] = symbol;
        Seeded = snapshot.Seeded;
        NextId = snapshot.NextId;

        _items.Clear();
        _queuedByKey.Clear();
        foreach (var item in snapshot.Work)
            Put(item);

        _onboarding.Clear();
        foreach (var onboarding in snapshot.Onboarding)
            _onboarding[onboarding.Symbol] = onboarding;

        _quarantine.Clear();
        _quarantine.AddRange(snapshot.Quarantined);
        _rejected.Clear();
        foreach (var rejected in snapshot.Rejected)
            _rejected[rejected.Symbol] = rejected;
        _changes++;
    }

    private void Put(WorkItem item)
    {
        _items[item.Id] = item;
        if (!_running.Contains(item.Id))
            _queuedByKey[(item.Symbol, item.Interval)] = item.Id;
        NextId = Math.Max(NextId, item.Id + 1);
    }

    private void Finish(WorkFinished finished)
    {
        if (!_items.TryGetValue(finished.Id, out var item))
            return;

        // A range filled is no longer quarantined, whatever tried it.
        _quarantine.RemoveAll(q =>
            q.Symbol == item.Symbol && q.Interval == item.Interval
            && q.Range.From >= item.Range.From && q.Range.To <= item.Range.To);

        if (item.Kinds.HasFlag(WorkKinds.Onboarding)
            && _onboarding.TryGetValue(item.Symbol, out var onboarding) && !onboarding.Checked)
        {
            // The vendor check (the 1m backfill) passed when it gave bars; the actor rejects
            // the symbol otherwise, before anything else is queued for it.
            if (finished.Bars > 0)
            {
                var rest = BarInterval.All
                    .Where(i => i != BarInterval.M1)
                    .OrderBy(i => i == onboarding.First ? 0 : 1)
                    .ToList();
                _onboarding[item.Symbol] = onboarding with { Checked = true, Pending = rest };
            }
        }
        else
        {
            OnboardingStepDone(finished.Id);
        }

        Drop(finished.Id);
    }

    private void OnboardingStepDone(long id)
    {
        if (!_items.TryGetValue(id, out var item) || !item.Kinds.HasFlag(WorkKinds.Onboarding))
            return;
        if (!_onboarding.TryGetValue(item.Symbol, out var onboarding))
            return;

        _onboarding[item.Symbol] = onboarding with
        {
            Pending = [.. onboarding.Pending.Where(i => i != item.Interval)],
        };
    }

    private void Drop(long id)
    {
        if (!_items.Remove(id, out var item))
            return;

        Release(item);
        var key = (item.Symbol, item.Interval);
        if (_queuedByKey.TryGetValue(key, out var queued) && queued == id)
            _queuedByKey.Remove(key);
    }

    private void Release(WorkItem item)
    {
        if (_running.Remove(item.Id))
            _runningKeys.Remove((item.Symbol, item.Interval));
    }

    private bool IsQuarantined(WorkRequest request, Instant now) =>
        _quarantine.Any(q =>
            q.Symbol == request.Symbol && q.Interval == request.Interval && q.RetryAt > now
            && q.Range.From < request.Range.To && request.Range.From < q.Range.To);

    private static bool Overlaps(QuarantinedRange a, QuarantinedRange b) =>
        a.Symbol == b.Symbol && a.Interval == b.Interval
        && a.Range.From < b.Range.To && b.Range.From < a.Range.To;

    // Most urgent first, then oldest: a steady stream of gap fills never overtakes a chart.
    private static (int, long) Order(WorkItem item) => (-WorkPriority.Of(item.Kinds), item.Id);

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;
}
