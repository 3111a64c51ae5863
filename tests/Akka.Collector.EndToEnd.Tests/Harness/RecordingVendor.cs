using System.Collections.Concurrent;
using Akka.Collector.Vendors;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>The vendor edge, recording each request: symbols, interval and range.</summary>
public sealed class RecordingVendor(IBarSource inner) : IBarSource
{
    private readonly ConcurrentQueue<BarRequest> _requests = new();

    public string Name => inner.Name;

    public BarSourceLimits Limits => inner.Limits;

    public IReadOnlyList<BarRequest> Requests => [.. _requests];

    public Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        return inner.FetchAsync(request, cancellationToken);
    }
}
