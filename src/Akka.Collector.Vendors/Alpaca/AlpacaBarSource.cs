using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors.Http;

namespace Akka.Collector.Vendors.Alpaca;

/// <summary>
/// Alpaca market data v2 (<c>GET /v2/stocks/bars</c>) as an <see cref="IBarSource"/>. A
/// request's symbols go in batches of <see cref="AlpacaOptions.MaxSymbolsPerRequest"/>, one
/// after another; each batch asks for 10000 bars a page and follows
/// <c>next_page_token</c>, appending bars per symbol because Alpaca's limit counts bars
/// across symbols and a symbol may run on into the next page. A fetch costs
/// ⌈symbols / batch⌉ requests plus the extra pages the bars fill. Intervals are mapped by
/// <see cref="AlpacaTimeframes"/>; bars are checked and repaired by the rules of
/// <see cref="AlpacaCandles"/>. A failed page fails the whole fetch, so nothing partial or
/// unvalidated leaves here.
/// </summary>
public sealed class AlpacaBarSource : IBarSource
{
    private static readonly string[] Feeds = ["iex", "sip"];
    private static readonly string[] Adjustments = ["raw", "split", "dividend", "all"];

    private readonly AlpacaOptions _options;
    private readonly BarGrid _grid;
    private readonly AlpacaHttp _http;
    private readonly Action<ReplyIssues>? _onIssues;

    /// <param name="wallClock">
    /// Real time: drives retry backoff, Retry-After and reset headers, the circuit's break and
    /// the attempt timeout. Never the market clock (a fast demo clock would retry too soon).
    /// </param>
    /// <param name="onIssues">
    /// Told after every fetch that needed repairs, with the counts and request ids; the
    /// caller logs them. Optional.
    /// </param>
    /// <exception cref="ArgumentException">A key is missing or an option is invalid.</exception>
    public AlpacaBarSource(
        HttpClient http,
        AlpacaOptions options,
        BarGrid grid,
        TimeProvider wallClock,
        VendorResilienceOptions resilience,
        Action<ReplyIssues>? onIssues = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(wallClock);
        ArgumentNullException.ThrowIfNull(resilience);
        Validate(options);

        _options = Copy(options);
        _grid = grid;
        _onIssues = onIssues;
        _http = new AlpacaHttp(
            http, _options, VendorResilience.Create(resilience, wallClock), wallClock);
        Limits = new BarSourceLimits(
            _options.MaxSymbolsPerRequest, AlpacaTimeframes.ByInterval.Keys.ToHashSet());
    }

    public string Name => AlpacaHttp.Vendor;

    public BarSourceLimits Limits { get; }

    public async Task<BarBatch> FetchAsync(
        BarRequest request, CancellationToken cancellationToken) =>
        (await FetchReportedAsync(request, cancellationToken).ConfigureAwait(false)).Batch;

    /// <summary>As <see cref="FetchAsync"/>, with what was repaired and the pages read.</summary>
    /// <exception cref="BarSourceException">With the <see cref="FailureKind"/> of it.</exception>
    public async Task<AlpacaFetch> FetchReportedAsync(
        BarRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!AlpacaTimeframes.TryGet(request.Interval, out var timeframe))
            throw Rejected($"interval {request.Interval} is not fetched from Alpaca: its hour " +
                           "bars start on the clock hour, not the session; ask for " +
                           $"{request.Interval.FetchedAs} and aggregate");

        var window = WindowOf(request);
        if (window is null || request.Symbols.Count == 0)
            return new AlpacaFetch(BarBatch.Empty, ReplyIssues.None, 0);

        var candles = new AlpacaCandles(request, window, _grid);
        var pages = 0;
        foreach (var batch in request.Symbols.Distinct().Chunk(_options.MaxSymbolsPerRequest))
        {
            pages += await FetchPagesAsync(
                batch, timeframe, window, candles, request.Permits, cancellationToken)
                .ConfigureAwait(false);
        }

        var issues = candles.Issues;
        if (!issues.IsClean)
            _onIssues?.Invoke(issues);

        return new AlpacaFetch(candles.ToBatch(), issues, pages);
    }

    private async Task<int> FetchPagesAsync(
        Symbol[] symbols, string timeframe, AlpacaWindow window, AlpacaCandles candles,
        IRequestPermits permits, CancellationToken ct)
    {
        var followed = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        for (var page = 1; ; page++)
        {
            var url = AlpacaUrl.Bars(_options, symbols, timeframe, window, token);
            var (body, requestId) = await _http.GetAsync(url, permits, ct).ConfigureAwait(false);

            AlpacaPage reply;
            try
            {
                reply = AlpacaReply.Read(body);
            }
            catch (FormatException e)
            {
                throw Malformed(
                    requestId, $"sent a reply that is not the expected JSON: {e.Message}", e);
            }

            candles.Add(reply, requestId);
            if (reply.NextPageToken is not { } next)
                return page;

            // A token seen before means the pages go round in a circle; following it would
            // never end and would only fetch the same bars again.
            if (!followed.Add(next))
                throw Malformed(requestId, $"handed out a page token again after {page} pages " +
                                           "(a page loop); the fetch is abandoned");
            if (page >= _options.MaxPages)
                throw Malformed(requestId, $"still had more pages after {page}, the most one " +
                                           "request may take; the fetch is abandoned");

            token = next;
        }
    }

    private AlpacaWindow? WindowOf(BarRequest request)
    {
        // Outside the calendar nothing is known to be open, and an empty answer would let
        // the collector record a gap as covered; the request is refused instead.
        try
        {
            return AlpacaWindow.For(request, _grid);
        }
        catch (CalendarOutOfRangeException e)
        {
            throw Rejected(e.Message, e);
        }
    }

    private BarSourceException Rejected(string why, Exception? inner = null) =>
        new(FailureKind.RequestRejected, $"{Name}: {why}", inner);

    private BarSourceException Malformed(string? requestId, string what, Exception? inner = null) =>
        new(FailureKind.MalformedReply,
            $"{Name} (request {requestId ?? "without an id"}) {what}", inner);

    private static void Validate(AlpacaOptions o)
    {
        // Name the missing setting, never show a value: these messages reach logs.
        if (string.IsNullOrWhiteSpace(o.KeyId))
            throw new ArgumentException("Alpaca KeyId is not set (APCA-API-KEY-ID)", nameof(o));
        if (string.IsNullOrWhiteSpace(o.SecretKey))
            throw new ArgumentException(
                "Alpaca SecretKey is not set (APCA-API-SECRET-KEY)", nameof(o));
        if (o.BaseAddress is null || !o.BaseAddress.IsAbsoluteUri)
            throw new ArgumentException("Alpaca BaseAddress must be an absolute URI", nameof(o));
        if (!Feeds.Contains(o.Feed))
            throw new ArgumentException(
                $"Alpaca Feed '{o.Feed}' is not one of {string.Join(", ", Feeds)}", nameof(o));
        if (!Adjustments.Contains(o.Adjustment))
            throw new ArgumentException($"Alpaca Adjustment '{o.Adjustment}' is not one of " +
                                        string.Join(", ", Adjustments), nameof(o));

        if (o.MaxSymbolsPerRequest < 1)
            throw new ArgumentException(
                $"Alpaca MaxSymbolsPerRequest {o.MaxSymbolsPerRequest} is below 1", nameof(o));
        if (o.MaxPages < 1)
            throw new ArgumentException($"Alpaca MaxPages {o.MaxPages} is below 1", nameof(o));
    }

    // Options are a mutable bindable class; a snapshot keeps a running source consistent.
    private static AlpacaOptions Copy(AlpacaOptions o) => new()
    {
        BaseAddress = o.BaseAddress,
        KeyId = o.KeyId,
        SecretKey = o.SecretKey,
        Feed = o.Feed,
        Adjustment = o.Adjustment,
        MaxSymbolsPerRequest = o.MaxSymbolsPerRequest,
        MaxPages = o.MaxPages,
    };
}
