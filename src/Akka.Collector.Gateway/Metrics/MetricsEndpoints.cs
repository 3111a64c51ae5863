using System.Diagnostics.Metrics;
using Akka.Collector.Actors.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Akka.Collector.Gateway.Metrics;

/// <summary>
/// GET /metrics: the collector's meter in the Prometheus text format, through OpenTelemetry.
/// </summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    /// <summary>The node's instruments and the exporter that reads them.</summary>
    public static IServiceCollection AddCollectorMetrics(this IServiceCollection services)
    {
        services.AddSingleton<CollectorMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(CollectorMetrics.MeterName).AddPrometheusExporter(prometheus =>
            {
                // Every scrape reads the instruments as they are now: Prometheus scrapes
                // seldom, and a cached answer would show a test (or an operator's curl) the
                // counts of a moment ago.
                prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
            });

            // OpenTelemetry listens to a meter by name, process-wide: a second node in this
            // process (every end-to-end test runs one) would count into this node's scrape.
            // Only instruments made by this node's own meter factory are kept.
            ((IDeferredMeterProviderBuilder)metrics).Configure((sp, builder) =>
            {
                var own = sp.GetRequiredService<IMeterFactory>();
                builder.AddView(instrument => ReferenceEquals(instrument.Meter.Scope, own)
                    ? null
                    : MetricStreamConfiguration.Drop);
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(Path);
        return app;
    }
}
