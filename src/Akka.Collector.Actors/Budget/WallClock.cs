namespace Akka.Collector.Actors.Budget;

/// <summary>
/// Real time, beside the market clock (the plain <see cref="TimeProvider"/> a node
/// registers): what a vendor dictates runs on it (its request budget per minute,
/// Retry-After, reset headers, backoff, the circuit's break), so a demo clock at speed 60
/// never retries sooner than asked. Which bars exist stays on the market clock. Tests pass
/// a fake one, often the same fake as the market clock.
/// </summary>
public sealed record WallClock(TimeProvider Provider)
{
    public static readonly WallClock System = new(TimeProvider.System);
}
