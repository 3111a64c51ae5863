namespace Akka.Collector.Vendors.Http;

/// <summary>How hard a vendor client retries before it gives up with a typed failure.</summary>
public sealed record VendorResilienceOptions
{
    /// <summary>Retries after the first attempt, for 429, 5xx, timeouts and broken
    /// connections.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First backoff; it doubles per retry, with jitter.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The longest wait a retry may take. A 429 whose Retry-After asks for more is not retried
    /// here: it fails as RateLimited with that Retry-After, and the next round tries again.
    /// </summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>One attempt's timeout.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Failure ratio over the sampling window that opens the circuit.</summary>
    public double BreakRatio { get; init; } = 0.5;

    public int BreakMinimumThroughput { get; init; } = 10;

    public TimeSpan BreakSampling { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails requests fast before it tries the vendor
    /// again.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}
