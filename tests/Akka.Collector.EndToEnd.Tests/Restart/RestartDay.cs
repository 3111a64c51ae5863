using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Restart;

/// <summary>What the tests that stop a node and start another on its store run on.</summary>
internal static class RestartDay
{
    public static readonly string[] Universe = ["AAPL", "MSFT", "SPY"];

    /// <summary>A Thursday's noon, mid-session, when the first node stops.</summary>
    public static readonly Instant Noon = Et.At(2026, 12, 3, 12, 0);

    /// <summary>The node's settle delay: a bar is collected this long after its close.</summary>
    public static readonly Duration Settle = Duration.FromSeconds(5);
}
