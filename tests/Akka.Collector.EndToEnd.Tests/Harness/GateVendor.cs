using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>
/// The vendor edge with a gate: while closed, every request naming one symbol waits until the
/// test opens the gate (or the collector's timeout cancels it); all other requests pass.
/// </summary>
public sealed class GateVendor(IBarSource inner, Symbol gated) : IBarSource
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _open = Completed();
    private TaskCompletionSource _waiting = New();

    public string Name => inner.Name;

    public BarSourceLimits Limits => inner.Limits;

    /// <summary>Completes when a request for the gated symbol waits at the closed gate.</summary>
    public Task RequestWaiting
    {
        get
        {
            lock (_lock)
                return _waiting.Task;
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            if (_open.Task.IsCompleted)
                _open = New();
            _waiting = New();
        }
    }

    public void Open()
    {
        lock (_lock)
            _open.TrySetResult();
    }

    public async Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancellationToken)
    {
        if (request.Symbols.Contains(gated))
        {
            Task open;
            lock (_lock)
            {
                open = _open.Task;
                if (!open.IsCompleted)
                    _waiting.TrySetResult();
            }

            await open.WaitAsync(cancellationToken);
        }

        return await inner.FetchAsync(request, cancellationToken);
    }

    private static TaskCompletionSource New() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource Completed()
    {
        var done = New();
        done.SetResult();
        return done;
    }
}
