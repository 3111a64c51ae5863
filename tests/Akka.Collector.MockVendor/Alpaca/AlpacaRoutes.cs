using System.Diagnostics;
using Akka.Collector.MockVendor.Faults;
using Akka.Collector.Vendors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Akka.Collector.MockVendor.Alpaca;

/// <summary>
/// Alpaca market data v2: GET /v2/stocks/bars (multi-symbol, page tokens). Every reply
/// carries an X-Request-ID. In order: the injected faults of <see cref="FaultGate"/>, the key
/// headers (401), the query (422), Alpaca's free-plan SIP delay (403), then a page of bars,
/// broken as <see cref="MockFaults.Malformed"/> says while malformed replies are due.
/// </summary>
public static class AlpacaRoutes
{
    public const string Vendor = "alpaca";

    public static WebApplication MapAlpaca(
        this WebApplication app, MockVendorOptions options, MockFaults faults, RequestLog log)
    {
        app.MapGet("/v2/stocks/bars", (HttpContext http) => ServeAsync(http, options, faults, log));
        return app;
    }

    private static async Task ServeAsync(
        HttpContext http, MockVendorOptions options, MockFaults faults, RequestLog log)
    {
        var arrived = options.Clock.GetUtcNow();
        var arrivedStamp = Stopwatch.GetTimestamp();
        http.Response.Headers["X-Request-ID"] = Guid.NewGuid().ToString("N");
        var query = http.Request.Query;
        var token = query["page_token"].ToString();
        var served = 0;
        var logged = 0;
        void Log(int status)
        {
            if (Interlocked.Exchange(ref logged, 1) == 0)
            {
                log.Add(new ServedRequest(Vendor, AlpacaQuery.SymbolsNamed(query),
                    query["timeframe"].ToString(), token.Length == 0 ? null : token, status,
                    served)
                {
                    ArrivedAt = arrived,
                    ArrivedStamp = arrivedStamp,
                    RepliedStamp = Stopwatch.GetTimestamp(),
                });
            }
        }

        // Logged as the reply starts, before the client can read a byte of it: whoever holds
        // a reply (or what the client made of it, a stored round) finds it in the log.
        http.Response.OnStarting(() =>
        {
            Log(http.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            await AnswerAsync(http, options, faults, bars => served = bars);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (a hang, or its own timeout); 499 as proxies log it.
            Log(499);
        }
    }

    private static async Task AnswerAsync(
        HttpContext http, MockVendorOptions options, MockFaults faults, Action<int> serving)
    {
        if (await FaultGate.TryFailAsync(http, faults) is not null)
            return;

        var headers = http.Request.Headers;
        if (headers["APCA-API-KEY-ID"] != options.AlpacaKeyId
            || headers["APCA-API-SECRET-KEY"] != options.AlpacaSecretKey)
        {
            await RefuseAsync(http, StatusCodes.Status401Unauthorized, "unauthorized.");
            return;
        }

        var now = Instant.FromDateTimeOffset(options.Clock.GetUtcNow());
        if (AlpacaQuery.Parse(http.Request.Query, now, out var error) is not { } query)
        {
            await RefuseAsync(http, StatusCodes.Status422UnprocessableEntity, error);
            return;
        }

        AlpacaPageToken? from = null;
        if (query.PageToken is { } token && (from = AlpacaPageToken.Decode(token)) is null)
        {
            await RefuseAsync(http, StatusCodes.Status422UnprocessableEntity,
                "invalid page_token");
            return;
        }

        if (query.Feed == "sip" && query.End > now - AlpacaQuery.SipDelay)
        {
            await RefuseAsync(http, StatusCodes.Status403Forbidden,
                "subscription does not permit querying recent SIP data");
            return;
        }

        AlpacaPageOfBars page;
        try
        {
            page = await AlpacaPager.PageAsync(options.Minutes, query, from,
                Math.Min(query.Limit, faults.AlpacaPageLimit), http.RequestAborted);
        }
        catch (BarSourceException e)
        {
            // The minute source refuses what the mock cannot know (a date past its calendar).
            await RefuseAsync(http, StatusCodes.Status422UnprocessableEntity, e.Message);
            return;
        }

        MalformedKind? malformed = faults.TakeMalformed() ? faults.Malformed
            : query.Symbols.Any(s => s.Value == faults.PoisonedSymbol) ? MalformedKind.WrongTypes
            : null;
        if (malformed is { } kind)
            page = AlpacaMalformed.Apply(page, kind, query, from);

        // A looping token keeps looping: the page it points at hands it out again.
        if (from is { Loops: true } loop)
            page = page with { Next = loop };

        serving(page.Count);
        await WriteAsync(http, StatusCodes.Status200OK, AlpacaJson.Page(page, malformed));
    }

    private static Task RefuseAsync(HttpContext http, int status, string message) =>
        WriteAsync(http, status, AlpacaJson.Message(message));

    private static async Task WriteAsync(HttpContext http, int status, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
