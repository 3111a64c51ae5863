using System.Collections.Concurrent;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>
/// The vendor edge with a script a test changes as it runs: symbols it does not know (no
/// bars, as real vendors answer), bars it restates, requests it answers with a malformed
/// reply. Every request is recorded, so tests count what the vendor was asked.
/// </summary>
public sealed class ScriptedVendor(IBarSource inner) : IBarSource
{
    private readonly ConcurrentQueue<BarRequest> _requests = new();
    private volatile Func<Symbol, Candle, Candle> _restate = (_, bar) => bar;
    private volatile Func<BarRequest, bool> _malformed = _ => false;
    private volatile Func<BarRequest, bool> _hang = _ => false;
    private volatile Func<BarRequest, bool> _down = _ => false;

    public string Name => inner.Name;

    public BarSourceLimits Limits => inner.Limits;

    public ConcurrentDictionary<Symbol, bool> Unknown { get; } = new();

    public IReadOnlyList<BarRequest> Requests => [.. _requests];

    /// <summary>From now on every bar passes through <paramref name="restate"/>.</summary>
    public void Restate(Func<Symbol, Candle, Candle> restate) => _restate = restate;

    /// <summary>From now on a request matching <paramref name="when"/> gets a broken
    /// reply.</summary>
    public void MalformedWhen(Func<BarRequest, bool> when) => _malformed = when;

    /// <summary>From now on a request matching <paramref name="when"/> never answers (until
    /// the caller gives up on it).</summary>
    public void HangWhen(Func<BarRequest, bool> when) => _hang = when;

    /// <summary>From now on a request matching <paramref name="when"/> finds the vendor
    /// down (a 503 that outlasted the retries).</summary>
    public void DownWhen(Func<BarRequest, bool> when) => _down = when;

    public async Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        if (_down(request))
            throw new BarSourceException(FailureKind.VendorDown, "503 Service Unavailable");
        if (_hang(request))
            await Task.Delay(Timeout.Infinite, cancellationToken);
        if (_malformed(request))
            throw new BarSourceException(FailureKind.MalformedReply,
                "reply failed validation: high below low (scripted)");

        var reply = await inner.FetchAsync(request, cancellationToken);
        var restate = _restate;
        var bars = reply.Bars
            .Where(kv => !Unknown.ContainsKey(kv.Key))
            .ToDictionary(
                kv => kv.Key,
                kv => (IReadOnlyList<Candle>)[.. kv.Value.Select(bar => restate(kv.Key, bar))]);
        return new BarBatch(bars);
    }
}
