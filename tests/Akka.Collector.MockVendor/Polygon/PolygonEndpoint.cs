using System.Globalization;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.MockVendor.Faults;
using Akka.Collector.Vendors;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Akka.Collector.MockVendor.Polygon;

/// <summary>
/// Answers one aggregates request in this order: a request id (header and body), the
/// injected faults (<see cref="FaultGate"/>), the key, the parameters, the data, then a
/// malformed body if one is due. Every request is logged before its reply is finished, so a
/// test that has its reply also sees it in the <see cref="RequestLog"/>.
/// </summary>
internal sealed class PolygonEndpoint(MockVendorOptions options, MockFaults faults, RequestLog log)
{
    private const string Vendor = "polygon";

    // Logged for a hung request the client gave up on (nginx's "client closed request").
    private const int ClientClosed = 499;

    public async Task ServeAsync(HttpContext http)
    {
        var arrived = options.Clock.GetUtcNow();
        var id = Guid.NewGuid().ToString("N");
        http.Response.Headers["X-Request-ID"] = id;
        var route = http.Request.RouteValues;
        var ticker = route["ticker"]?.ToString() ?? "";
        var timeframe = $"{route["multiplier"]}/{route["timespan"]}";
        var cursor = http.Request.Query["cursor"].ToString() is { Length: > 0 } c ? c : null;
        void Log(int status, int bars) =>
            log.Add(new ServedRequest(Vendor, [ticker], timeframe, cursor, status, bars)
            {
                ArrivedAt = arrived,
            });

        try
        {
            if (await FaultGate.TryFailAsync(http, faults) is { } failed)
            {
                Log(failed, 0);
                return;
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            Log(ClientClosed, 0);
            return;
        }

        if (KeyProblem(http) is { } keyProblem)
        {
            Log(StatusCodes.Status401Unauthorized, 0);
            await Write(http, StatusCodes.Status401Unauthorized, PolygonBody.Error(id, keyProblem));
            return;
        }

        var query = PolygonQuery.Parse(http, out var error);
        if (query is null)
        {
            Log(StatusCodes.Status400BadRequest, 0);
            await Write(http, StatusCodes.Status400BadRequest, PolygonBody.Error(id, error));
            return;
        }

        List<PolygonAggregate> all;
        try
        {
            // An unknown or malformed ticker is an empty reply, as Polygon gives.
            all = Symbol.TryParse(ticker, out var symbol, out _)
                ? await PolygonAggregates.BuildAsync(
                    options.Minutes, symbol, query, faults.Polygon, http.RequestAborted)
                : [];
        }
        catch (BarSourceException e)
        {
            Log(StatusCodes.Status400BadRequest, 0);
            await Write(http, StatusCodes.Status400BadRequest, PolygonBody.Error(id, e.Message));
            return;
        }

        var page = PolygonPage.Take(all, query.Descending,
            Math.Min(query.Limit, Math.Max(1, faults.PolygonPageLimit)));
        var rows = page.Rows.Select(r => PolygonRow.From(r.Bar, faults.Polygon.VolumeFraction))
            .ToList();
        var nextUrl = page.Next is null ? null : NextUrl(http, query, page);

        var malformed = faults.TakeMalformed() ? faults.Malformed : (MalformedKind?)null;
        if (malformed is { } kind)
            (rows, nextUrl) = PolygonMalformed.Apply(kind, rows, nextUrl, query, SelfUrl(http));

        var body = new PolygonBody(query.Ticker, page.BaseCount, query.Adjusted, rows,
            faults.Polygon.Delayed ? "DELAYED" : "OK", id, nextUrl,
            PricesAsText: malformed == MalformedKind.WrongTypes).ToJson();
        if (malformed == MalformedKind.TruncatedJson)
            body = body[..(body.Length / 2)];

        Log(StatusCodes.Status200OK, rows.Count);
        await Write(http, StatusCodes.Status200OK, body);
    }

    // The key may come as ?apiKey= or as a bearer token; Polygon's own words when it is wrong.
    private string? KeyProblem(HttpContext http)
    {
        var key = http.Request.Query["apiKey"].ToString();
        if (key.Length == 0
            && http.Request.Headers.Authorization.ToString() is { } auth
            && auth.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            key = auth["Bearer ".Length..].Trim();
        }

        if (key.Length == 0)
            return "API Key was not provided";
        return key == options.PolygonApiKey ? null : "Unknown API Key";
    }

    // Like Polygon's: the same path with the window moved past this page and an opaque cursor
    // for the settings; never the key, which the client must send again itself.
    private static string NextUrl(HttpContext http, PolygonQuery query, PolygonPage page)
    {
        var from = query.FromText;
        var to = query.ToText;
        if (query.Descending)
            to = Ms(page.Rows[^1].Bar.Start - Duration.FromMilliseconds(1));
        else
            from = Ms(page.Next!.Bar.Start);

        var span = query.Timespan;
        var unit = span.Unit.ToString().ToLowerInvariant();
        return $"{Origin(http)}/v2/aggs/ticker/{Uri.EscapeDataString(query.Ticker)}/range/" +
               $"{span.Multiplier}/{unit}/{from}/{to}?cursor={query.NextCursor()}";
    }

    private static string SelfUrl(HttpContext http)
    {
        var request = http.Request;
        var query = request.Query.ContainsKey("apiKey")
            ? QueryString.Create(request.Query
                .Where(q => q.Key != "apiKey")
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))))
            : request.QueryString;
        return Origin(http) + request.Path.ToUriComponent() + query.ToUriComponent();
    }

    private static string Origin(HttpContext http) =>
        $"{http.Request.Scheme}://{http.Request.Host.ToUriComponent()}" +
        http.Request.PathBase.ToUriComponent();

    private static string Ms(Instant t) =>
        t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static async Task Write(HttpContext http, int status, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
