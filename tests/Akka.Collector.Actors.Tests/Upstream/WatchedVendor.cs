using Akka.Collector.TestSupport.Waiting;
using Akka.Collector.Vendors;

namespace Akka.Collector.Actors.Tests.Upstream;

/// <summary>
/// A vendor as the test sees it: every fetch goes through to the real one, and each fetch
/// starting or ending is counted and raised on <see cref="Changes"/>. A test awaits a state
/// of the batcher (and of whatever else it raises there) on that signal instead of polling.
/// </summary>
internal sealed class WatchedVendor(IBarSource inner) : IBarSource
{
    private int _fetching;

    /// <summary>Raised after every change of <see cref="Fetching"/>; others may raise it
    /// too.</summary>
    public ChangeSignal Changes { get; } = new();

    /// <summary>Fetches the batcher has running.</summary>
    public int Fetching => Volatile.Read(ref _fetching);

    public string Name => inner.Name;

    public BarSourceLimits Limits => inner.Limits;

    public async Task<BarBatch> FetchAsync(BarRequest request, CancellationToken ct)
    {
        Step(+1);
        try
        {
            return await inner.FetchAsync(request, ct);
        }
        finally
        {
            Step(-1);
        }
    }

    private void Step(int by)
    {
        Interlocked.Add(ref _fetching, by);
        Changes.Raise();
    }
}
