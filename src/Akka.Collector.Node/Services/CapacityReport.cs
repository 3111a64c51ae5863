using Akka.Collector.Actors.Budget;
using Akka.Collector.Vendors;

namespace Akka.Collector.Node.Services;

/// <summary>Says at start what the universe costs against the vendor budget, and what
/// gives.</summary>
public sealed class CapacityReport(
    CapacityPlan plan, IBarSource vendor, ILogger<CapacityReport> log)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (plan.IsUnlimited)
        {
            log.LogInformation(
                "Vendor {Vendor}: no request budget set; " +
                "the universe needs {Needed:0.#} requests/min",
                vendor.Name, plan.NeededPerMinute);
        }
        else if (plan.Degraded.Count == 0)
        {
            log.LogInformation(
                "Vendor {Vendor}: the universe needs {Needed:0.#} of {Budget:0.#} requests/min",
                vendor.Name, plan.NeededPerMinute, plan.BudgetPerMinute);
        }
        else
        {
            log.LogWarning(
                "Vendor {Vendor}: the universe needs {Needed:0.#} requests/min but this node's " +
                "budget is {Budget:0.#} (short by {Shortfall:0.#}); " +
                "scheduled rounds of {Degraded} " +
                "are off and those intervals are collected on demand only. Raise " +
                "collector.vendor.budget.requests-per-minute or shrink the universe",
                vendor.Name, plan.NeededPerMinute, plan.BudgetPerMinute, plan.Shortfall,
                string.Join(", ", plan.Degraded));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
