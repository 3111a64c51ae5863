namespace Akka.Collector.Vendors;

/// <summary>Why a vendor call failed, in terms the gateway and the status API can name.</summary>
public enum FailureKind
{
    VendorDown,
    Timeout,
    RateLimited,
    CredentialsRejected,
    NotEntitled,
    RequestRejected,
    MalformedReply,

    /// <summary>The bars arrived but could not be stored; raised by the collector, not a
    /// vendor.</summary>
    StoreUnavailable,
}

public sealed class BarSourceException(FailureKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public FailureKind Kind { get; } = kind;

    /// <summary>When the vendor said to come back (429 Retry-After), if it did.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
