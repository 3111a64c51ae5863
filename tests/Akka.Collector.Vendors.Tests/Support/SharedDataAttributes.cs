using Akka.Collector.TestSupport.Data;

namespace Akka.Collector.Vendors.Tests.Support;

/// <summary>A fact on recorded files: skipped, saying why, where they are absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute() => Skip = SharedData.Missing;
}

/// <summary>A theory on recorded files: skipped, saying why, where they are absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute() => Skip = SharedData.Missing;
}
