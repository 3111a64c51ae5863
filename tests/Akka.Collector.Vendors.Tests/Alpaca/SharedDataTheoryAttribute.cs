using Akka.Collector.Vendors.Tests.Support;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>A theory needing the recorded files; skipped with the reason when absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.Directory is null)
            Skip = "recorded market data not found: expected a shared/data folder beside the " +
                   "repository root (../shared/data)";
    }
}
