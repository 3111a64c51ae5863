using Akka.Collector.Domain.Alignment;
using Akka.Collector.Vendors.Synthetic;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>The embedded synthetic vendor on a node's own clock and grid, to wrap.</summary>
public static class Synthetic
{
    public static SyntheticBarSource For(IServiceProvider services) => new(
        services.GetRequiredService<TimeProvider>(), services.GetRequiredService<BarGrid>());
}
