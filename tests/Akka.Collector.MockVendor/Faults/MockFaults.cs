namespace Akka.Collector.MockVendor.Faults;

/// <summary>
/// Faults a test injects, read by every route on every request. Each setting is independent;
/// counts ("the next N requests") are consumed atomically, so concurrent requests are safe.
/// </summary>
public sealed class MockFaults
{
    private int _tooManyRequests;
    private int _serverErrors;
    private int _forbidden;
    private int _hangs;
    private int _malformed;

    /// <summary>
    /// The least time (real) from a request to the start of its reply, whatever it answers.
    /// The mock builds the reply meanwhile, so a request takes this long unless building it
    /// takes longer.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Alpaca: bars per page across all symbols (the real maximum is 10000).</summary>
    public int AlpacaPageLimit { get; set; } = 10_000;

    /// <summary>Polygon: base aggregates per page (the real maximum is 50000).</summary>
    public int PolygonPageLimit { get; set; } = 50_000;

    /// <summary>Polygon traits, not faults: DELAYED, fractional volume, extended hours.</summary>
    public Polygon.PolygonQuirks Polygon { get; } = new();

    /// <summary>Retry-After seconds sent with each 429.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// Send <see cref="RetryAfterSeconds"/> with each 503 too, as a vendor behind a maintenance
    /// page does. Off by default: then a client backs off on its own schedule.
    /// </summary>
    public bool RetryAfterOnServerErrors { get; set; }

    /// <summary>
    /// Alpaca: every request naming this symbol is answered with wrong types, for as long as
    /// it is set, as a vendor whose data for one ticker is broken.
    /// </summary>
    public string? PoisonedSymbol { get; set; }

    /// <summary>Which broken body the next malformed replies carry.</summary>
    public MalformedKind Malformed { get; set; } = MalformedKind.TruncatedJson;

    public void TooManyRequests(int count) => Interlocked.Exchange(ref _tooManyRequests, count);

    public void ServerErrors(int count) => Interlocked.Exchange(ref _serverErrors, count);

    public void Forbidden(int count) => Interlocked.Exchange(ref _forbidden, count);

    /// <summary>The next requests never answer until the client gives up.</summary>
    public void Hangs(int count) => Interlocked.Exchange(ref _hangs, count);

    public void MalformedReplies(int count, MalformedKind kind)
    {
        Malformed = kind;
        Interlocked.Exchange(ref _malformed, count);
    }

    public void Clear()
    {
        TooManyRequests(0);
        ServerErrors(0);
        Forbidden(0);
        Hangs(0);
        MalformedReplies(0, MalformedKind.TruncatedJson);
        Latency = TimeSpan.Zero;
        PoisonedSymbol = null;
        RetryAfterOnServerErrors = false;
    }

    internal bool TakeTooManyRequests() => Take(ref _tooManyRequests);

    internal bool TakeServerError() => Take(ref _serverErrors);

    internal bool TakeForbidden() => Take(ref _forbidden);

    internal bool TakeHang() => Take(ref _hangs);

    internal bool TakeMalformed() => Take(ref _malformed);

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var left = Volatile.Read(ref counter);
            if (left <= 0)
                return false;
            if (Interlocked.CompareExchange(ref counter, left - 1, left) == left)
                return true;
        }
    }
}

/// <summary>The broken replies a vendor has been seen to send.</summary>
public enum MalformedKind
{
    TruncatedJson,
    WrongTypes,
    BarsOutsideRange,
    DuplicateBars,
    HighBelowLow,
    OffGridStart,
    PageLoop,
}
