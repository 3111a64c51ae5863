namespace Akka.Collector.TestSupport.Waiting;

/// <summary>
/// Lets a test await a condition that other threads bring about, without polling: whatever
/// changes what the condition reads calls <see cref="Raise"/>, and the waiting test looks
/// again then and only then.
/// </summary>
/// <remarks>
/// The waiter takes the task of the next raise before it looks, so a change that lands
/// between its look and its wait still wakes it. The bound is real time and only turns a hang
/// into a failure; nothing is assumed to have happened because it passed.
/// </remarks>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Something a waiter reads has changed: wake it to look again.</summary>
    public void Raise() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    /// <summary>Returns once <paramref name="condition"/> holds, looking after each raise.</summary>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <exception cref="TimeoutException">It did not hold within the bound.</exception>
    public async Task UntilAsync(Func<bool> condition, TimeSpan bound, string what)
    {
        using var limit = new CancellationTokenSource(bound);
        while (true)
        {
            var changed = Volatile.Read(ref _next).Task;
            if (condition())
                return;

            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"{what}: not seen within {bound.TotalSeconds:0} s");
            }
        }
    }

    // The waiter's look runs on its own thread, never inside the raiser, which may hold a
    // lock or be a fake clock's Advance.
    private static TaskCompletionSource NewSource() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
