using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// One node shared by a test class: started at 12:03:20 on an ordinary Thursday, between two
/// 5m closes, its start-up rounds done, and its clock never moved by the tests that share it.
/// </summary>
public sealed class MidBarNode : IAsyncLifetime
{
    public static readonly Instant At = Et.At(2026, 12, 3, 12, 3, 20);

    public TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await TestNode.StartAsync(At, NoonNode.Universe);
        await Node.WaitForStartupRoundsAsync();
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
