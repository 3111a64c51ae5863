namespace Akka.Collector.Actors.Budget;

/// <summary>
/// A token bucket on the market clock: <see cref="PerMinute"/> requests a minute, bursting to
/// one minute's worth. One per interval per node, so intervals never spend each other's share.
/// Used only from its batcher's mailbox: not thread-safe by design.
/// Known shortcoming: a batch is charged one token, however many pages or retries the
/// vendor client makes inside it; charging those needs the client to draw from this budget.
/// </summary>
public sealed class RequestBudget
{
    private readonly TimeProvider _clock;
    private double _tokens;
    private DateTimeOffset _refilledAt;

    public RequestBudget(double perMinute, TimeProvider clock)
    {
        PerMinute = perMinute;
        _clock = clock;
        _tokens = perMinute > 0 ? Capacity : 0;
        _refilledAt = clock.GetUtcNow();
    }

    public double PerMinute { get; }

    public bool IsUnlimited => double.IsPositiveInfinity(PerMinute);

    private double Capacity => Math.Max(1, PerMinute);

    public bool TryTake()
    {
        if (IsUnlimited)
            return true;
        if (PerMinute <= 0)
            return false;

        Refill();
        if (_tokens < 1)
            return false;

        _tokens -= 1;
        return true;
    }

    /// <summary>How long until one request may go; zero when one may go now.</summary>
    public TimeSpan UntilNext()
    {
        if (IsUnlimited)
            return TimeSpan.Zero;
        if (PerMinute <= 0)
            return Timeout.InfiniteTimeSpan;

        Refill();
        return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromMinutes((1 - _tokens) / PerMinute);
    }

    private void Refill()
    {
        var now = _clock.GetUtcNow();
        var minutes = (now - _refilledAt).TotalMinutes;
        _refilledAt = now;
        if (minutes > 0)
            _tokens = Math.Min(Capacity, _tokens + minutes * PerMinute);
    }
}
