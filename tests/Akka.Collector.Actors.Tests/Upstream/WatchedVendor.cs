using Akka.Collector.TestSupport.Waiting;
using Akka.Collector.Vendors;
using Akka.Collector.Vendors.Http;

namespace Akka.Collector.Actors.Tests.Upstream;

/// <summary>
/// A vendor as the test sees it: every fetch goes through to the real one, and each fetch
/// starting or ending, and each of its requests that has to wait for a permit, is counted
/// and raised on <see cref="Changes"/>. A test awaits a state of the batcher and its budget
/// on that signal instead of polling for it.
/// </summary>
internal sealed class WatchedVendor(IBarSource inner) : IBarSource
{
    private int _fetching;
    private int _parked;

    /// <summary>Raised after every change of <see cref="Fetching"/> or
    /// <see cref="Parked"/>.</summary>
    public ChangeSignal Changes { get; } = new();

    /// <summary>Fetches the batcher has running.</summary>
    public int Fetching => Volatile.Read(ref _fetching);

    /// <summary>Requests waiting for a permit now; one granted at once never counts.</summary>
    public int Parked => Volatile.Read(ref _parked);

    public string Name => inner.Name;

    public BarSourceLimits Limits => inner.Limits;

    public async Task<BarBatch> FetchAsync(BarRequest request, CancellationToken ct)
    {
        Step(ref _fetching, +1);
        try
        {
            var watched = request with { Permits = new WatchedPermits(this, request.Permits) };
            return await inner.FetchAsync(watched, ct);
        }
        finally
        {
            Step(ref _fetching, -1);
        }
    }

    private void Step(ref int counter, int by)
    {
        Interlocked.Add(ref counter, by);
        Changes.Raise();
    }

    // Counted only once the budget has queued the request, so a waiter that sees it parked
    // knows that only a grant, which needs the clock, moves that request on.
    private sealed class WatchedPermits(WatchedVendor vendor, IRequestPermits inner)
        : IRequestPermits
    {
        public async ValueTask AcquireAsync(CancellationToken cancellationToken)
        {
            var acquire = inner.AcquireAsync(cancellationToken);
            if (acquire.IsCompleted)
            {
                await acquire;
                return;
            }

            vendor.Step(ref vendor._parked, +1);
            try
            {
                await acquire;
            }
            finally
            {
                vendor.Step(ref vendor._parked, -1);
            }
        }
    }
}
