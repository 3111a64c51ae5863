using System.Net.Http.Headers;
using System.Text.Json;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors.Http;
using NodaTime;
using Polly;

namespace Akka.Collector.Vendors.Polygon;

/// <summary>
/// Fetches one symbol: the first page, then every <c>next_url</c> in turn, each call inside
/// the shared resilience pipeline, with the key as a bearer header only. A next_url must
/// stay on the configured host (the key is never sent elsewhere) and is followed without
/// any apiKey parameter it may carry; a next_url already followed is a page loop, and more
/// than <see cref="PolygonOptions.MaxPages"/> pages is a chain that never ends: both fail
/// the symbol as MalformedReply. A failed page fails the symbol whole; no partial series
/// is returned. Which bars have closed is judged on the market clock; every wait on the
/// vendor runs on the wall clock, inside the pipeline.
/// </summary>
internal sealed class PolygonPager(
    string vendor,
    HttpClient http,
    PolygonOptions options,
    BarGrid grid,
    TimeProvider clock,
    TimeProvider wallClock,
    ResiliencePipeline<HttpResponseMessage> pipeline,
    PolygonCounters counters,
    Action<string> log)
{
    public const int Limit = 50_000;

    private int _delayedSaid;

    public async Task<IReadOnlyList<Candle>> FetchAsync(
        Symbol symbol, PolygonWindow window, IRequestPermits permits,
        CancellationToken cancellationToken)
    {
        var what = $"{symbol} {window.Interval}";
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var keeper = new PolygonBarKeeper(window.Interval, window.Range, grid, now);
        var followed = new HashSet<string>(StringComparer.Ordinal);
        var url = FirstUrl(symbol, window);
        string? lastId = null;

        for (var page = 1; ; page++)
        {
            if (!followed.Add(url.AbsoluteUri))
                throw Malformed(what, lastId,
                    "page loop: next_url leads back to a page already read");
            if (page > options.MaxPages)
                throw Malformed(what, lastId,
                    $"more than {options.MaxPages} pages; the next_url chain does not end");

            var reply = await GetAsync(url, symbol, what, permits, cancellationToken);
            lastId = reply.RequestId;
            var repairs = keeper.Add(reply.Results);
            counters.AddPage(reply.IsDelayed);
            counters.Add(repairs);
            Report(what, reply, repairs);

            if (string.IsNullOrEmpty(reply.NextUrl))
                return keeper.Bars;
            url = Next(reply.NextUrl, what, lastId);
        }
    }

    private Uri FirstUrl(Symbol symbol, PolygonWindow window)
    {
        var root = options.BaseAddress.AbsoluteUri.TrimEnd('/');
        var adjusted = options.Adjusted ? "true" : "false";
        return new Uri($"{root}/v2/aggs/ticker/{Uri.EscapeDataString(symbol.Value)}/range/" +
                       $"{window.Path}?adjusted={adjusted}&sort=asc&limit={Limit}");
    }

    private async Task<PolygonReply> GetAsync(
        Uri url, Symbol symbol, string what, IRequestPermits permits,
        CancellationToken cancellationToken)
    {
        HttpResponseMessage reply;
        try
        {
            reply = await pipeline.SendAsync(permits, async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization =
                    new AuthenticationHeaderValue("Bearer", options.ApiKey);
                return await http.SendAsync(
                    request, HttpCompletionOption.ResponseContentRead, token);
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            throw About(VendorFailures.FromException(vendor, e), what, detail: null);
        }

        using (reply)
        {
            var id = VendorHeaders.RequestId(reply);
            var body = await reply.Content.ReadAsByteArrayAsync(cancellationToken);
            if (VendorFailures.FromReply(vendor, reply, wallClock) is { } failure)
                throw About(failure, what, ErrorText(body));

            try
            {
                var page = PolygonReply.Read(body, symbol);
                return page with { RequestId = id ?? page.RequestId };
            }
            catch (FormatException e)
            {
                throw Malformed(what, id, e.Message);
            }
        }
    }

    private Uri Next(string nextUrl, string what, string? id)
    {
        if (!Uri.TryCreate(nextUrl, UriKind.Absolute, out var next))
            throw Malformed(what, id, "next_url is not an absolute URL");

        var sameHost = Uri.Compare(next, options.BaseAddress, UriComponents.SchemeAndServer,
            UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;
        if (!sameHost)
            throw Malformed(what, id, $"next_url points at another host ({next.Host}); " +
                                      "the key is not sent there");

        return WithoutApiKey(next);
    }

    // A key in a URL ends up in access logs and traces; it travels in the header only.
    private static Uri WithoutApiKey(Uri url)
    {
        if (!url.Query.Contains("apiKey=", StringComparison.OrdinalIgnoreCase))
            return url;

        var kept = url.Query.TrimStart('?').Split('&')
            .Where(p => !p.StartsWith("apiKey=", StringComparison.OrdinalIgnoreCase));
        return new UriBuilder(url) { Query = string.Join('&', kept) }.Uri;
    }

    private void Report(string what, PolygonReply reply, PolygonRepairs repairs)
    {
        if (repairs.HasAnomalies)
            log(Redact($"{vendor} {what} (request {reply.RequestId ?? "?"}): {repairs}; " +
                       "the other bars of the page are kept"));

        if (reply.IsDelayed && Interlocked.Exchange(ref _delayedSaid, 1) == 0)
            log(Redact($"{vendor} {what} (request {reply.RequestId ?? "?"}): status DELAYED, " +
                       "the plan serves delayed data; bars are kept and the newest may lag " +
                       "(said once, counted in DelayedPages)"));
    }

    private BarSourceException Malformed(string what, string? id, string why)
    {
        counters.AddMalformed();
        var where = id is null ? vendor : $"{vendor} (request {id})";
        return new BarSourceException(FailureKind.MalformedReply,
            Redact($"{where} sent a malformed reply for {what}: {why}"));
    }

    private BarSourceException About(BarSourceException failure, string what, string? detail)
    {
        var message = detail is null
            ? $"{failure.Message} ({what})"
            : $"{failure.Message} ({what}): {detail}";
        return new BarSourceException(failure.Kind, Redact(message), failure.InnerException)
        {
            RetryAfter = failure.RetryAfter,
        };
    }

    // Polygon says why in "error" (or "message" on a gateway's reply); a short echo helps.
    private static string? ErrorText(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            foreach (var name in (string[])["error", "message"])
            {
                if (json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty(name, out var text)
                    && text.ValueKind == JsonValueKind.String)
                {
                    var s = text.GetString() ?? "";
                    return s.Length <= 200 ? s : s[..200] + "...";
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status alone must do.
        }

        return null;
    }

    private string Redact(string text) =>
        text.Replace(options.ApiKey, "***", StringComparison.Ordinal);
}
