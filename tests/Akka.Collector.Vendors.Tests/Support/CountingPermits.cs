using System.Collections.Concurrent;
using Akka.Collector.Vendors.Http;

namespace Akka.Collector.Vendors.Tests.Support;

/// <summary>
/// A budget that lets every request go and counts them: what a fetch cost, and which of its
/// requests the client reported read (<see cref="IRequestPermits.Answered"/>).
/// </summary>
internal sealed class CountingPermits : IRequestPermits
{
    private readonly ConcurrentQueue<char> _steps = new();
    private int _taken;
    private int _answered;

    public int Taken => Volatile.Read(ref _taken);

    public int AnsweredCount => Volatile.Read(ref _answered);

    /// <summary>'a' for each permit drawn, 'r' for each reply reported read, in order.</summary>
    public string Steps => string.Concat(_steps);

    public ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _taken);
        _steps.Enqueue('a');
        return ValueTask.CompletedTask;
    }

    public void Answered()
    {
        Interlocked.Increment(ref _answered);
        _steps.Enqueue('r');
    }
}
