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
/// a vendor is down; a timeout per attempt. It runs on the injected clock, so tests drive it
/// on virtual time.
/// </summary>
public static class VendorResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Create(
        VendorResilienceOptions options, TimeProvider clock)
    {
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
            .AddTimeout(options.AttemptTimeout)
            .Build();
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
