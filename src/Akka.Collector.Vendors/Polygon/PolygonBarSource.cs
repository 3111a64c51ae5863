using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors.Http;

namespace Akka.Collector.Vendors.Polygon;

/// <summary>
/// Polygon (Massive) aggregates, one symbol per HTTP request. <see cref="Limits"/> says one
/// symbol per request so the collector batches accordingly; a request naming several is
/// still served, as one HTTP request (plus pages) per symbol with at most
/// <see cref="PolygonOptions.MaxParallelRequests"/> at once. If any symbol fails, the whole
/// call fails with the first failure to happen (the others are cancelled), so a round never
/// stores some symbols' bars as if the rest had none.
/// Intervals and the request window: <see cref="PolygonIntervals"/>,
/// <see cref="PolygonWindow"/>; paging: <see cref="PolygonPager"/>; validation and repair:
/// <see cref="PolygonBarKeeper"/>. Every request asks for the maximum limit (50000 base
/// aggregates) in ascending order.
/// </summary>
public sealed class PolygonBarSource : IBarSource
{
    private readonly BarGrid _grid;
    private readonly int _parallel;
    private readonly PolygonPager _pager;

    /// <param name="clock">
    /// The market clock: decides which bars have closed (a forming bar is dropped).
    /// </param>
    /// <param name="wallClock">
    /// Real time: retry backoff, Retry-After and reset headers, the circuit's break and the
    /// attempt timeout. Default: the machine's clock. Never the market clock, which a demo
    /// may run faster than the vendor's.
    /// </param>
    /// <param name="log">
    /// Where repairs and notices go (one line each, with the vendor's request id, never the
    /// key); the node points it at its logger. Default: nowhere.
    /// </param>
    /// <exception cref="ArgumentException">No API key, or a relative base address.</exception>
    public PolygonBarSource(
        HttpClient http,
        PolygonOptions options,
        BarGrid grid,
        TimeProvider clock,
        VendorResilienceOptions? resilience = null,
        Action<string>? log = null,
        TimeProvider? wallClock = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(clock);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
            throw new ArgumentException(
                "polygon: PolygonOptions.ApiKey is empty; a key is required", nameof(options));
        if (!options.BaseAddress.IsAbsoluteUri)
            throw new ArgumentException(
                $"polygon: BaseAddress '{options.BaseAddress}' is not absolute", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelRequests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPages, 1);

        _grid = grid;
        _parallel = options.MaxParallelRequests;
        wallClock ??= TimeProvider.System;
        var pipeline = VendorResilience.Create(
            resilience ?? new VendorResilienceOptions(), wallClock);
        _pager = new PolygonPager(Name, http, options, grid, clock, wallClock, pipeline, Counters,
            log ?? (_ => { }));
        Limits = new BarSourceLimits(1, PolygonIntervals.Served);
    }

    public string Name => "polygon";

    /// <summary>One symbol per request; 1m, 2m, 5m, 15m, 30m and 1d.</summary>
    public BarSourceLimits Limits { get; }

    /// <summary>What the client read, repaired and dropped since it was built.</summary>
    public PolygonCounters Counters { get; } = new();

    public async Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var window = PolygonWindow.For(request, _grid, Name);
        var symbols = request.Symbols.Distinct().ToArray();
        if (window is null || symbols.Length == 0)
            return BarBatch.Empty;

        var bars = symbols.Length == 1
            ? [await _pager.FetchAsync(symbols[0], window, request.Permits, cancellationToken)]
            : await FetchEachAsync(symbols, window, request.Permits, cancellationToken);

        // A symbol with nothing in the range is absent, as the IBarSource contract says.
        var result = new Dictionary<Symbol, IReadOnlyList<Candle>>();
        for (var i = 0; i < symbols.Length; i++)
        {
            if (bars[i].Count > 0)
                result[symbols[i]] = bars[i];
        }

        return new BarBatch(result);
    }

    private async Task<IReadOnlyList<Candle>[]> FetchEachAsync(
        Symbol[] symbols, PolygonWindow window, IRequestPermits permits,
        CancellationToken cancellationToken)
    {
        var bars = new IReadOnlyList<Candle>[symbols.Length];
        BarSourceException? first = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(_parallel);

        async Task One(int i)
        {
            try
            {
                await gate.WaitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                bars[i] = await _pager.FetchAsync(symbols[i], window, permits, stop.Token);
            }
            catch (BarSourceException e)
            {
                // The first failure names the call; the rest are only its echoes.
                Interlocked.CompareExchange(ref first, e, null);
                await stop.CancelAsync();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAll(symbols.Select((_, i) => One(i)));
        cancellationToken.ThrowIfCancellationRequested();
        return first is null ? bars : throw first;
    }
}
