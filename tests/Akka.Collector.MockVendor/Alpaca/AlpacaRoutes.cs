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
        http.Response.Headers["X-Request-ID"] = Guid.NewGuid().ToString("N");
        var query = http.Request.Query;
        var token = query["page_token"].ToString();
        var status = 0;
        var served = 0;
        try
        {
            (status, served) = await AnswerAsync(http, options, faults);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (a hang, or its own timeout); 499 as proxies log it.
            status = 499;
        }
        finally
        {
            log.Add(new ServedRequest(Vendor, AlpacaQuery.SymbolsNamed(query),
                query["timeframe"].ToString(), token.Length == 0 ? null : token, status, served));
        }
    }

    private static async Task<(int Status, int Bars)> AnswerAsync(
        HttpContext http, MockVendorOptions options, MockFaults faults)
    {
        if (await FaultGate.TryFailAsync(http, faults) is { } failed)
            return (failed, 0);

        var headers = http.Request.Headers;
        if (headers["APCA-API-KEY-ID"] != options.AlpacaKeyId
            || headers["APCA-API-SECRET-KEY"] != options.AlpacaSecretKey)
        {
            return await RefuseAsync(http, StatusCodes.Status401Unauthorized, "unauthorized.");
        }

        var now = Instant.FromDateTimeOffset(options.Clock.GetUtcNow());
        if (AlpacaQuery.Parse(http.Request.Query, now, out var error) is not { } query)
            return await RefuseAsync(http, StatusCodes.Status422UnprocessableEntity, error);

        AlpacaPageToken? from = null;
        if (query.PageToken is { } token && (from = AlpacaPageToken.Decode(token)) is null)
            return await RefuseAsync(http, StatusCodes.Status422UnprocessableEntity,
                "invalid page_token");

        if (query.Feed == "sip" && query.End > now - AlpacaQuery.SipDelay)
            return await RefuseAsync(http, StatusCodes.Status403Forbidden,
                "subscription does not permit querying recent SIP data");

        AlpacaPageOfBars page;
        try
        {
            page = await AlpacaPager.PageAsync(options.Minutes, query, from,
                Math.Min(query.Limit, faults.AlpacaPageLimit), http.RequestAborted);
        }
        catch (BarSourceException e)
        {
            // The minute source refuses what the mock cannot know (a date past its calendar).
            return await RefuseAsync(http, StatusCodes.Status422UnprocessableEntity, e.Message);
        }

        MalformedKind? malformed = faults.TakeMalformed() ? faults.Malformed : null;
        if (malformed is { } kind)
            page = AlpacaMalformed.Apply(page, kind, query, from);

        // A looping token keeps looping: the page it points at hands it out again.
        if (from is { Loops: true } loop)
            page = page with { Next = loop };

        await WriteAsync(http, StatusCodes.Status200OK, AlpacaJson.Page(page, malformed));
        return (StatusCodes.Status200OK, page.Count);
    }

    private static async Task<(int, int)> RefuseAsync(HttpContext http, int status, string message)
    {
        await WriteAsync(http, status, AlpacaJson.Message(message));
        return (status, 0);
    }

    private static async Task WriteAsync(HttpContext http, int status, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
