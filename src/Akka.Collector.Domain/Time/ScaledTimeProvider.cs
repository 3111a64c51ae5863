namespace Akka.Collector.Domain.Time;

/// <summary>
/// The market clock for a running node: starts at a chosen instant and runs
/// <see cref="Speed"/> times faster than the machine's clock, timers and timestamps included.
/// With no start and speed 1 it is the machine's clock. Tests use a fake
/// <see cref="TimeProvider"/> instead, or pass one as the real clock underneath.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly DateTimeOffset _realStart;
    private readonly long _realStartTimestamp;
    private readonly DateTimeOffset _virtualStart;

    public ScaledTimeProvider(DateTimeOffset? startAt, double speed, TimeProvider? real = null)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
            throw new ArgumentOutOfRangeException(
                nameof(speed), speed, "speed must be a positive, finite number");

        _real = real ?? System;
        _realStart = _real.GetUtcNow();
        _realStartTimestamp = _real.GetTimestamp();
        // GetUtcNow must answer with a zero offset whatever offset the start was written with.
        _virtualStart = (startAt ?? _realStart).ToUniversalTime();
        Speed = speed;
    }

    public double Speed { get; }

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override DateTimeOffset GetUtcNow()
    {
        var elapsed = _real.GetUtcNow() - _realStart;
        return _virtualStart + TimeSpan.FromTicks((long)(elapsed.Ticks * Speed));
    }

    /// <summary>
    /// Timestamps run at the same scaled rate as <see cref="GetUtcNow"/>, so elapsed times
    /// measured through <see cref="TimeProvider.GetElapsedTime(long)"/> agree with the clock.
    /// </summary>
    public override long GetTimestamp()
    {
        var elapsed = _real.GetTimestamp() - _realStartTimestamp;
        return _realStartTimestamp + (long)(elapsed * Speed);
    }

    public override ITimer CreateTimer(
        TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_real.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    private TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero
            ? span
            : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / Speed)));

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) =>
            inner.Change(owner.Scale(dueTime), owner.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

/// <summary>Between market time and the real time that people and HTTP clients wait.</summary>
public static class MarketTime
{
    /// <summary>
    /// Real time that a span of market time takes on this clock: shorter on a fast demo clock,
    /// the same on the machine's clock. A test's fake clock does not run by itself, so its
    /// market time is taken as real time.
    /// </summary>
    public static TimeSpan ToRealTime(this TimeProvider clock, TimeSpan marketTime) =>
        clock is ScaledTimeProvider scaled && scaled.Speed != 1
            ? TimeSpan.FromTicks((long)(marketTime.Ticks / scaled.Speed))
            : marketTime;
}
