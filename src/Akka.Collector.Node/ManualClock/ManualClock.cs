using Microsoft.Extensions.Time.Testing;

namespace Akka.Collector.Node.ManualClock;

/// <summary>
/// The market clock of a node in manual mode: it stands still until a test moves it, and the
/// timers due by then fire as it passes them. Several node processes cannot share one fake
/// clock the way in-process tests do, so a multi-process test moves each node's clock through
/// <see cref="ManualClockEndpoint"/> to the same instant. It is FakeTimeProvider, the clock
/// the in-process tests use, so both kinds of test run on one implementation of virtual time.
/// </summary>
public sealed class ManualClock(DateTimeOffset start)
{
    private readonly Lock _gate = new();

    public FakeTimeProvider Clock { get; } = new(start);

    /// <summary>Moves the clock forward to <paramref name="to"/>; false if that is in its
    /// past (a clock never runs backwards).</summary>
    public bool MoveTo(DateTimeOffset to)
    {
        // One move at a time, so timers fire in order even if two requests race.
        lock (_gate)
        {
            var now = Clock.GetUtcNow();
            if (to < now)
                return false;

            Clock.Advance(to - now);
            return true;
        }
    }
}
