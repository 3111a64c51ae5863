using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Admin;

/// <summary>
/// One node with an admin token, shared by a test class: its start-up rounds done, so every
/// symbol of the universe has a live entity in the symbol region.
/// </summary>
public sealed class AdminNode : IAsyncLifetime
{
    public const string Token = "test-admin-token-5f1c";

    public TestNode Node { get; private set; } = null!;

    public static string TokenHocon(string token) => $"collector.admin.token = \"{token}\"";

    public async Task InitializeAsync()
    {
        Node = await TestNode.StartAsync(
            NoonNode.Noon + Duration.FromSeconds(40), NoonNode.Universe, TokenHocon(Token));
        await Node.WaitForStartupRoundsAsync();
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
