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
    /// A request let go by <see cref="AcquireAsync"/> is over, once for each: answered when
    /// the vendor replied with a success whose body is read, so the request is off the wire;
    /// not answered when the attempt failed (a retry, if one follows, asks
    /// <see cref="AcquireAsync"/> again). A holder that counts requests in flight frees a
    /// place on an answer, so reading the reply never keeps the next request waiting. Does
    /// nothing by default.
    /// </summary>
    void Released(bool answered)
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
