using Akka.Collector.Actors.Budget;
using Akka.Collector.Vendors;

namespace Akka.Collector.Node.Services;

/// <summary>
/// Says at start what the universe costs against the vendor budget, and what gives. Later
/// changes (cluster members, universe) are said by the budget keeper as they happen.
/// </summary>
public sealed class CapacityReport(
    CapacityPlanner planner, IBarSource vendor, ILogger<CapacityReport> log)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var plan = planner.Current;
        if (plan.Degraded.Count == 0)
            log.LogInformation("{Plan}", plan.Describe(vendor.Name));
        else
            log.LogWarning("{Plan}", plan.Describe(vendor.Name));

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
