using Akka.Collector.Vendors.Http;

namespace Akka.Collector.Vendors.Tests.Support;

/// <summary>A budget that lets every request go and counts them: what a fetch cost.</summary>
internal sealed class CountingPermits : IRequestPermits
{
    private int _taken;

    public int Taken => Volatile.Read(ref _taken);

    public ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _taken);
        return ValueTask.CompletedTask;
    }
}
