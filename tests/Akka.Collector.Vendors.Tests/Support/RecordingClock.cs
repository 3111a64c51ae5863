using System.Collections.Concurrent;
using Akka.Collector.TestSupport.Waiting;
using Microsoft.Extensions.Time.Testing;

namespace Akka.Collector.Vendors.Tests.Support;

/// <summary>
/// A fake clock that remembers every timer asked of it: which waits ran on this clock and
/// for how long. Time moves only when the test advances <see cref="Fake"/>.
/// </summary>
internal sealed class RecordingClock(FakeTimeProvider fake) : TimeProvider
{
    private readonly ChangeSignal _created = new();

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
        // Armed on the fake before it is told: a test woken by it may advance at once.
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        Timers.Enqueue(dueTime);
        _created.Raise();
        return timer;
    }

    /// <summary>Returns once a timer of this length was asked; woken by each timer asked,
    /// bounded in real time.</summary>
    public Task WaitForTimerAsync(TimeSpan due) =>
        _created.UntilAsync(
            () => Timers.Contains(due), TimeSpan.FromSeconds(30), $"a timer of {due}");
}
