using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>The vendor edge failing every request that names one symbol with one fault.</summary>
public sealed class FaultVendor(IBarSource inner, Symbol faulty, Exception fault) : IBarSource
{
    public string Name => inner.Name;

    public BarSourceLimits Limits => inner.Limits;

    public Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancellationToken) =>
        request.Symbols.Contains(faulty)
            ? Task.FromException<BarBatch>(fault)
            : inner.FetchAsync(request, cancellationToken);
}
