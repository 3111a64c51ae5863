using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// One node shared by a test class: started 40 s after noon on an ordinary Thursday, its
/// start-up rounds done, and its clock never moved by the tests that share it.
/// </summary>
public sealed class NoonNode : IAsyncLifetime
{
    public static readonly string[] Universe = ["AAPL", "MSFT", "SPY"];

    // Thursday 2026-12-03, a full session.
    public static readonly Instant Noon = Et.At(2026, 12, 3, 12, 0);

    public TestNode Node { get; private set; } = null!;

    /// <summary>The node's vendor, recording what it was asked.</summary>
    public RecordingVendor Vendor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await TestNode.StartAsync(Noon + Duration.FromSeconds(40), Universe,
            vendor: sp => Vendor = new RecordingVendor(Synthetic.For(sp)));
        await Node.WaitForStartupRoundsAsync();
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
