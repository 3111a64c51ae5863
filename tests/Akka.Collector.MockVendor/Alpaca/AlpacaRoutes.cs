using Akka.Collector.MockVendor.Faults;
using Microsoft.AspNetCore.Builder;

namespace Akka.Collector.MockVendor.Alpaca;

/// <summary>Alpaca market data v2: GET /v2/stocks/bars (multi-symbol, page tokens).</summary>
public static class AlpacaRoutes
{
    public static WebApplication MapAlpaca(
        this WebApplication app, MockVendorOptions options, MockFaults faults, RequestLog log)
    {
        return app;
    }
}
