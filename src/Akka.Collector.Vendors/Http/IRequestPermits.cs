namespace Akka.Collector.Vendors.Http;

/// <summary>
/// What a vendor client draws from before every HTTP request it sends: a first page, each
/// further page and each retry alike, so the vendor's request budget counts what the vendor
/// counts. The collector's node budget implements it; it may be called from many requests
/// at once.
/// </summary>
public interface IRequestPermits
{
    /// <summary>Waits until one more request may go, and counts it as gone.</summary>
    /// <exception cref="OperationCanceledException">The caller gave up waiting.</exception>
    ValueTask AcquireAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The request last let go by <see cref="AcquireAsync"/> is off the wire: the vendor
    /// answered it with a success and its body is read. A holder that counts requests in
    /// flight frees a place here, so reading the reply never keeps the next request waiting;
    /// a further page asks <see cref="AcquireAsync"/> again. Not called for a failed attempt
    /// (its retry goes on the place it held). Does nothing by default.
    /// </summary>
    void Answered()
    {
    }
}

/// <summary>Permits for callers without a budget: every request may go at once.</summary>
public sealed class UnlimitedPermits : IRequestPermits
{
    public static readonly UnlimitedPermits Instance = new();

    private UnlimitedPermits()
    {
    }

    public ValueTask AcquireAsync(CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}
