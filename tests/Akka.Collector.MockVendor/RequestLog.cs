using System.Collections.Concurrent;

namespace Akka.Collector.MockVendor;

/// <summary>
/// Every request the mock answered (or refused), in the order their replies started (Alpaca
/// logs as its reply starts, so a client holding a reply finds its request here).
/// </summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<ServedRequest> _requests = new();

    public int Count => _requests.Count;

    public IReadOnlyList<ServedRequest> All => [.. _requests];

    public int CountOf(string vendor) => _requests.Count(r => r.Vendor == vendor);

    internal void Add(ServedRequest request) => _requests.Enqueue(request);

    public void Clear() => _requests.Clear();
}

/// <param name="Vendor">"alpaca" or "polygon".</param>
/// <param name="Symbols">Symbols the request named.</param>
/// <param name="Timeframe">The vendor's own timeframe text (1Min, 5/minute, ...).</param>
/// <param name="PageToken">The page token or cursor followed, null on a first page.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="BarsServed">Bars in the reply body.</param>
public sealed record ServedRequest(
    string Vendor,
    IReadOnlyList<string> Symbols,
    string Timeframe,
    string? PageToken,
    int Status,
    int BarsServed)
{
    /// <summary>When the request arrived, on the mock's clock (virtual in tests), so a test
    /// can count requests per minute as the vendor would.</summary>
    public DateTimeOffset ArrivedAt { get; init; }

    /// <summary>Wall-time <see cref="System.Diagnostics.Stopwatch"/> stamps of the request's
    /// arrival and of its reply's start, for benchmarks that lay rounds out in time.</summary>
    public long ArrivedStamp { get; init; }

    /// <inheritdoc cref="ArrivedStamp"/>
    public long RepliedStamp { get; init; }
}
