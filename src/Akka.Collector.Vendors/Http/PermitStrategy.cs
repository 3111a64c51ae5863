using Polly;

namespace Akka.Collector.Vendors.Http;

/// <summary>
/// Draws one permit per attempt, inside the retry and the circuit breaker and outside the
/// attempt timeout: every request that reaches the wire is paid for (retries too), a request
/// the open circuit refuses costs nothing, and waiting for the budget never counts as the
/// vendor being slow (nor as a failure towards the breaker). Every attempt's end is reported
/// back (<see cref="IRequestPermits.Released"/>), a success as soon as its reply is read,
/// before the client parses it.
/// </summary>
internal sealed class PermitStrategy : ResilienceStrategy
{
    /// <summary>Where a call's permits travel through the pipeline.</summary>
    public static readonly ResiliencePropertyKey<IRequestPermits> Key = new("collector.permits");

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        var onContext = context.ContinueOnCapturedContext;
        if (!context.Properties.TryGetValue(Key, out var permits))
            return await callback(context, state).ConfigureAwait(onContext);

        try
        {
            await permits.AcquireAsync(context.CancellationToken).ConfigureAwait(onContext);
        }
        catch (OperationCanceledException e)
        {
            return Outcome.FromException<TResult>(e);
        }

        var answered = false;
        try
        {
            var outcome = await callback(context, state).ConfigureAwait(onContext);

            // The client buffers the body inside the attempt: a success here is fully read.
            answered = outcome.Result is HttpResponseMessage { IsSuccessStatusCode: true };
            return outcome;
        }
        finally
        {
            permits.Released(answered);
        }
    }
}
