using Akka.Collector.MockVendor.Faults;
using Microsoft.AspNetCore.Builder;

namespace Akka.Collector.MockVendor.Polygon;

/// <summary>Polygon aggregates: GET /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}.</summary>
public static class PolygonRoutes
{
    public static WebApplication MapPolygon(
        this WebApplication app, MockVendorOptions options, MockFaults faults, RequestLog log)
    {
        return app;
    }
}
