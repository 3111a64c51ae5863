using Akka.Collector.MockVendor.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Akka.Collector.MockVendor.Polygon;

/// <summary>
/// Polygon (Massive) aggregates, one ticker per request:
/// GET /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}.
/// </summary>
public static class PolygonRoutes
{
    public const string Route =
        "/v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}";

    public static WebApplication MapPolygon(
        this WebApplication app, MockVendorOptions options, MockFaults faults, RequestLog log)
    {
        var endpoint = new PolygonEndpoint(options, faults, log);
        app.MapGet(Route, (RequestDelegate)endpoint.ServeAsync);
        return app;
    }
}
