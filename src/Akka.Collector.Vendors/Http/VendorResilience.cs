using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Akka.Collector.Vendors.Http;

/// <summary>
/// The one resilience pipeline every vendor client wraps its HTTP calls in (Polly): retry
/// with exponential backoff and jitter for 429, 5xx, timeouts and broken connections,
/// honouring Retry-After and rate-limit reset headers; a circuit breaker that fails fast while
/// a vendor is down; a timeout per attempt; and between the breaker and the timeout, one
/// permit of the caller's request budget per attempt (<see cref="PermitStrategy"/>).
/// Every wait in it (backoff, Retry-After, reset headers, the break, the attempt timeout) is
/// real time the vendor or the network dictates, so it runs on the wall clock, never on the
/// market clock: a demo clock at speed 60 must not retry sixty times sooner than the vendor
/// asked. Tests pass a fake wall clock to drive it on virtual time.
/// </summary>
public static class VendorResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Create(
        VendorResilienceOptions options, TimeProvider wallClock)
    {
        var clock = wallClock;
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(IsTransient);
        var isTransient = transient.Build();

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };

        // Polly needs at least one retry in a retry strategy; zero means no strategy at all.
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => new ValueTask<bool>(
                    (args.Outcome.Result is not { } reply || FitsBackoff(reply, options, clock))
                    && isTransient(args.Outcome)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.FirstBackoff,
                MaxDelay = options.MaxBackoff,
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Result is { } reply
                        ? VendorHeaders.RetryAfter(reply, clock)
                        : null),
                OnRetry = args =>
                {
                    // The failed reply is replaced by the next attempt's: release its connection.
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = options.BreakRatio,
                MinimumThroughput = options.BreakMinimumThroughput,
                SamplingDuration = options.BreakSampling,
                BreakDuration = options.BreakDuration,
            })
            .AddStrategy(_ => new PermitStrategy())
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>
    /// One call through the pipeline, each attempt paid for with a permit of
    /// <paramref name="permits"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        this ResiliencePipeline<HttpResponseMessage> pipeline,
        IRequestPermits permits,
        Func<CancellationToken, Task<HttpResponseMessage>> send,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(PermitStrategy.Key, permits);
            return await pipeline.ExecuteAsync(
                static async (ctx, send) => await send(ctx.CancellationToken).ConfigureAwait(false),
                context, send).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool IsTransient(HttpResponseMessage reply) =>
        reply.StatusCode == HttpStatusCode.TooManyRequests || (int)reply.StatusCode >= 500;

    // A 429 that asks for a longer wait than a retry may take goes back to the caller as is.
    private static bool FitsBackoff(
        HttpResponseMessage reply, VendorResilienceOptions options, TimeProvider clock) =>
        reply.StatusCode != HttpStatusCode.TooManyRequests
        || VendorHeaders.RetryAfter(reply, clock) is not { } wait
        || wait <= options.MaxBackoff;
}
