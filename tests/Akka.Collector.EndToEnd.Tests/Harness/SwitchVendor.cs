using Akka.Collector.Vendors;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>
/// The vendor edge with a switch: while failing, every request fails with one fault, for
/// every symbol and interval; otherwise every request goes to the real vendor behind it.
/// </summary>
public sealed class SwitchVendor(IBarSource inner) : IBarSource
{
    private volatile Exception? _fault;

    public string Name => inner.Name;

    public BarSourceLimits Limits => inner.Limits;

    public void FailAll(Exception fault) => _fault = fault;

    public Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancellationToken) =>
        _fault is { } fault
            ? Task.FromException<BarBatch>(fault)
            : inner.FetchAsync(request, cancellationToken);
}
