using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>
/// The vendor edge with a fault: while armed, the next request for one interval never
/// answers and ignores cancellation, like a socket that stopped mid-reply. Every other request
/// goes to the real vendor behind it.
/// </summary>
public sealed class HangingVendor(IBarSource inner, BarInterval hangs) : IBarSource
{
    private readonly TaskCompletionSource _hangStarted =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _armed;
    private int _hung;

    public string Name => inner.Name;

    public BarSourceLimits Limits => inner.Limits;

    /// <summary>Requests that hung so far.</summary>
    public int Hung => Volatile.Read(ref _hung);

    /// <summary>Completes when a request has started to hang.</summary>
    public Task HangStarted => _hangStarted.Task;

    public void HangNextRequest() => Interlocked.Exchange(ref _armed, 1);

    public Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancellationToken)
    {
        if (request.Interval == hangs && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Interlocked.Increment(ref _hung);
            _hangStarted.TrySetResult();
            return new TaskCompletionSource<BarBatch>().Task;
        }

        return inner.FetchAsync(request, cancellationToken);
    }
}
