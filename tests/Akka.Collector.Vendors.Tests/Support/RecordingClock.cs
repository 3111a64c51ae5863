using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Akka.Collector.Vendors.Tests.Support;

/// <summary>
/// A fake clock that remembers every timer asked of it: which waits ran on this clock and
/// for how long. Time moves only when the test advances <see cref="Fake"/>.
/// </summary>
internal sealed class RecordingClock(FakeTimeProvider fake) : TimeProvider
{
    public FakeTimeProvider Fake { get; } = fake;

    /// <summary>Due times of the timers created, in order.</summary>
    public ConcurrentQueue<TimeSpan> Timers { get; } = new();

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(
        TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Timers.Enqueue(dueTime);
        return Fake.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (in real time, bounded) until a timer of this length was asked.</summary>
    public async Task WaitForTimerAsync(TimeSpan due)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!Timers.Contains(due))
            await Task.Delay(1, limit.Token);
    }
}
