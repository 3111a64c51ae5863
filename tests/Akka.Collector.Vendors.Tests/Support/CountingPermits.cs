using System.Collections.Concurrent;
using Akka.Collector.Vendors.Http;

namespace Akka.Collector.Vendors.Tests.Support;

/// <summary>
/// A budget that lets every request go and counts them: what a fetch cost, and how each
/// request ended as the client reported it (<see cref="IRequestPermits.Released"/>).
/// </summary>
internal sealed class CountingPermits : IRequestPermits
{
    private readonly ConcurrentQueue<char> _steps = new();
    private int _taken;
    private int _answered;
    private int _failed;

    public int Taken => Volatile.Read(ref _taken);

    public int AnsweredCount => Volatile.Read(ref _answered);

    public int FailedCount => Volatile.Read(ref _failed);

    /// <summary>'a' for each permit drawn, then 'r' for a reply read or 'f' for a failed
    /// attempt, in order.</summary>
    public string Steps => string.Concat(_steps);

    public ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _taken);
        _steps.Enqueue('a');
        return ValueTask.CompletedTask;
    }

    public void Released(bool answered)
    {
        Interlocked.Increment(ref answered ? ref _answered : ref _failed);
        _steps.Enqueue(answered ? 'r' : 'f');
    }
}
