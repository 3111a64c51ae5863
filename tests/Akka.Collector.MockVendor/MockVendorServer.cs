using Akka.Collector.MockVendor.Alpaca;
using Akka.Collector.MockVendor.Faults;
using Akka.Collector.MockVendor.Polygon;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Akka.Collector.MockVendor;

/// <summary>
/// A fake market-data vendor on a loopback port, speaking Alpaca's and Polygon's wire formats
/// over the bars of an <see cref="Akka.Collector.Vendors.IBarSource"/>, with injectable
/// faults and a log of every request it served.
/// </summary>
public sealed class MockVendorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MockVendorServer(
        WebApplication app, MockVendorOptions options, MockFaults faults, RequestLog log)
    {
        _app = app;
        Options = options;
        Faults = faults;
        Requests = log;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    public MockVendorOptions Options { get; }

    public MockFaults Faults { get; }

    public RequestLog Requests { get; }

    public static async Task<MockVendorServer> StartAsync(MockVendorOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var faults = new MockFaults();
        var log = new RequestLog();
        var app = builder.Build();
        app.MapAlpaca(options, faults, log);
        app.MapPolygon(options, faults, log);

        await app.StartAsync();
        return new MockVendorServer(app, options, faults, log);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
