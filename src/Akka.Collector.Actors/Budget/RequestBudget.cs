using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Http;

namespace Akka.Collector.Actors.Budget;

/// <summary>
/// This node's share of the vendor's request budget. Every HTTP request the vendor client
/// sends draws one permit (first pages, further pages and retries alike), through
/// <see cref="For"/>. Two limits hold at once:
/// <list type="bullet">
/// <item>Each interval's reservation (<see cref="CapacityPlan.ReservedFor"/>) is a token
/// bucket bursting to one minute's worth, so intervals never spend each other's share.</item>
/// <item>The node's whole share is a hard cap over any sliding minute (a log of send times):
/// the buckets' bursts together never send more than the share in 60 s.</item>
/// </list>
/// Waiting requests are served scheduled rounds first (of any interval), then backfill, each
/// in arrival order. It runs on the wall clock, because the vendor counts real minutes.
/// Thread-safe: requests of one fetch run concurrently (Polygon pages symbols in parallel);
/// one lock guards it, held for arithmetic only, never across a wait.
/// </summary>
public sealed class RequestBudget : IDisposable
{
    // A token that is short by less than this is whole: float refills must not wake a
    // waiter a hair early and then find nothing.
    private const double Epsilon = 1e-9;

    private readonly object _gate = new();
    private readonly TimeProvider _wallClock;
    private readonly ITimer _wake;
    private readonly Dictionary<BarInterval, Bucket> _buckets = [];
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly LinkedList<Waiter> _rounds = new();
    private readonly LinkedList<Waiter> _backfill = new();
    private readonly Dictionary<(BarInterval, bool), Permits> _permits = [];

    private bool _unlimited;
    private int _windowLimit;
    private TimeSpan _window;
    private long _granted;

    public RequestBudget(CapacityPlan plan, TimeProvider wallClock)
    {
        _wallClock = wallClock;
        _wake = wallClock.CreateTimer(
            _ => Pump(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        foreach (var interval in BarInterval.All)
        {
            _buckets[interval] = new Bucket(wallClock.GetUtcNow());
            _permits[(interval, false)] = new Permits(this, interval, Backfill: false);
            _permits[(interval, true)] = new Permits(this, interval, Backfill: true);
        }

        Apply(plan);
    }

    /// <summary>
    /// Raised, outside the lock, after a request joined the queue or left it (granted or
    /// given up): whoever watches <see cref="Waiting"/> looks again then.
    /// </summary>
    public event Action? QueueChanged;

    /// <summary>Permits granted since start: every request this node sent the vendor.</summary>
    public long Granted => Interlocked.Read(ref _granted);

    /// <summary>Requests waiting for a permit now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
                return _rounds.Count + _backfill.Count;
        }
    }

    /// <summary>What one interval's requests draw from; backfill waits behind rounds.</summary>
    public IRequestPermits For(BarInterval interval, bool backfill) =>
        _permits[(interval, backfill)];

    /// <summary>
    /// Takes a new plan (cluster membership or the universe changed): reservations and the
    /// node's cap change from now on; tokens already saved are kept up to the new capacity.
    /// </summary>
    public void Apply(CapacityPlan plan)
    {
        lock (_gate)
        {
            var now = _wallClock.GetUtcNow();
            _unlimited = plan.IsUnlimited;
            foreach (var (interval, bucket) in _buckets)
                bucket.Reset(now, plan.IsUnlimited ? 0 : plan.ReservedFor(interval));

            // A whole number of requests in a window of at least a minute: a share of 66.7 a
            // minute sends 66 in any minute, a share of 0.5 one in any two minutes.
            var share = plan.BudgetPerMinute;
            _windowLimit = share >= 1 ? (int)Math.Floor(share) : 1;
            _window = share >= 1 || _unlimited
                ? TimeSpan.FromMinutes(1)
                : share > 0 ? TimeSpan.FromMinutes(1 / share) : TimeSpan.MaxValue;
        }

        Pump();
    }

    /// <summary>How long until a request of this interval could go; zero when one could
    /// now. The batcher starts no batch before then, so batches wait in its queue, not in a
    /// slot.</summary>
    public TimeSpan UntilNext(BarInterval interval)
    {
        lock (_gate)
        {
            if (_unlimited)
                return TimeSpan.Zero;

            var now = _wallClock.GetUtcNow();
            return Max(WindowWait(now), _buckets[interval].Wait(now));
        }
    }

    public void Dispose() => _wake.Dispose();

    private ValueTask AcquireAsync(BarInterval interval, bool backfill, CancellationToken ct)
    {
        if (Volatile.Read(ref _unlimited))
        {
            Interlocked.Increment(ref _granted);
            return ValueTask.CompletedTask;
        }

        var waiter = new Waiter(interval);
        lock (_gate)
            (backfill ? _backfill : _rounds).AddLast(waiter.Node);

        Pump();
        if (waiter.Task.IsCompleted)
            return ValueTask.CompletedTask;

        QueueChanged?.Invoke();
        return WaitAsync(waiter, ct);
    }

    private async ValueTask WaitAsync(Waiter waiter, CancellationToken ct)
    {
        // A waiter the caller gives up on leaves the queue; one granted meanwhile stays paid.
        await using var cancel = ct.Register(() =>
        {
            lock (_gate)
            {
                if (waiter.Node.List is { } list)
                    list.Remove(waiter.Node);
            }

            waiter.Completion.TrySetCanceled(ct);
            QueueChanged?.Invoke();
        });
        await waiter.Task.ConfigureAwait(false);
    }

    // Grants whatever may go now, in order, and sets the timer for the next that may.
    private void Pump()
    {
        var granted = new List<Waiter>();
        lock (_gate)
        {
            var now = _wallClock.GetUtcNow();
            while (_sent.Count > 0 && _sent.Peek() + _window <= now)
                _sent.Dequeue();

            foreach (var queue in (LinkedList<Waiter>[])[_rounds, _backfill])
            {
                for (var node = queue.First; node is not null;)
                {
                    var next = node.Next;
                    if (_unlimited || (_sent.Count < _windowLimit
                                       && _buckets[node.Value.Interval].TryTake(now)))
                    {
                        queue.Remove(node);
                        if (!_unlimited)
                            _sent.Enqueue(now);
                        granted.Add(node.Value);
                    }

                    node = next;
                }
            }

            ScheduleWake(now);
        }

        foreach (var waiter in granted)
        {
            Interlocked.Increment(ref _granted);
            waiter.Completion.TrySetResult();
        }

        if (granted.Count > 0)
            QueueChanged?.Invoke();
    }

    private void ScheduleWake(DateTimeOffset now)
    {
        var due = Timeout.InfiniteTimeSpan;
        foreach (var waiter in _rounds.Concat(_backfill))
        {
            var wait = Max(WindowWait(now), _buckets[waiter.Interval].Wait(now));
            if (wait != Timeout.InfiniteTimeSpan && (due == Timeout.InfiniteTimeSpan || wait < due))
                due = wait;
        }

        // Never zero: a due-now timer would fire inside this lock's caller on some clocks.
        _wake.Change(
            due == Timeout.InfiniteTimeSpan ? due : Max(due, TimeSpan.FromTicks(1)),
            Timeout.InfiniteTimeSpan);
    }

    private TimeSpan WindowWait(DateTimeOffset now)
    {
        if (_sent.Count < _windowLimit)
            return TimeSpan.Zero;
        if (_window == TimeSpan.MaxValue)
            return Timeout.InfiniteTimeSpan;

        // The oldest send in the window leaves it; a limit of n frees a place per send.
        var frees = _sent.ElementAt(_sent.Count - _windowLimit) + _window;
        return frees > now ? frees - now : TimeSpan.Zero;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) =>
        a == Timeout.InfiniteTimeSpan || b == Timeout.InfiniteTimeSpan
            ? Timeout.InfiniteTimeSpan
            : a > b ? a : b;

    /// <summary>One interval's reservation: a token bucket bursting to a minute's worth.</summary>
    private sealed class Bucket(DateTimeOffset now)
    {
        private double _perMinute;
        private double _tokens;
        private DateTimeOffset _refilledAt = now;

        private double Capacity => Math.Max(1, _perMinute);

        public void Reset(DateTimeOffset now, double perMinute)
        {
            Refill(now);
            var first = _perMinute == 0 && _tokens == 0;
            _perMinute = perMinute;

            // A bucket starts full, as before; a changed one keeps what it saved.
            _tokens = perMinute <= 0 ? 0 : first ? Capacity : Math.Min(_tokens, Capacity);
        }

        public bool TryTake(DateTimeOffset now)
        {
            Refill(now);
            if (_tokens < 1 - Epsilon)
                return false;

            _tokens = Math.Max(0, _tokens - 1);
            return true;
        }

        public TimeSpan Wait(DateTimeOffset now)
        {
            Refill(now);
            if (_tokens >= 1 - Epsilon)
                return TimeSpan.Zero;
            if (_perMinute <= 0)
                return Timeout.InfiniteTimeSpan;

            // Rounded up to a whole tick, so the timer never fires before the token is whole.
            var ticks = Math.Ceiling((1 - _tokens) / _perMinute * TimeSpan.TicksPerMinute);
            return TimeSpan.FromTicks((long)ticks);
        }

        private void Refill(DateTimeOffset now)
        {
            var minutes = (now - _refilledAt).TotalMinutes;
            _refilledAt = now;
            if (minutes > 0)
                _tokens = Math.Min(Capacity, _tokens + minutes * _perMinute);
        }
    }

    private sealed class Waiter
    {
        public Waiter(BarInterval interval)
        {
            Interval = interval;
            Node = new LinkedListNode<Waiter>(this);
        }

        public BarInterval Interval { get; }

        public LinkedListNode<Waiter> Node { get; }

        public TaskCompletionSource Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => Completion.Task;
    }

    private sealed record Permits(RequestBudget Budget, BarInterval Interval, bool Backfill)
        : IRequestPermits
    {
        public ValueTask AcquireAsync(CancellationToken cancellationToken) =>
            Budget.AcquireAsync(Interval, Backfill, cancellationToken);
    }
}
