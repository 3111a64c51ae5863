using NodaTime;

namespace Akka.Collector.MockVendor.Data;

public enum TimeframeUnit
{
    Minute,
    Hour,
    Day,
}

/// <summary>A vendor's bar width as vendors define it: minutes and hours on the UTC
/// clock.</summary>
public readonly record struct VendorTimeframe(int Amount, TimeframeUnit Unit)
{
    public Duration Width => Unit switch
    {
        TimeframeUnit.Minute => Duration.FromMinutes(Amount),
        TimeframeUnit.Hour => Duration.FromHours(Amount),
        _ => Duration.FromDays(Amount),
    };
}
