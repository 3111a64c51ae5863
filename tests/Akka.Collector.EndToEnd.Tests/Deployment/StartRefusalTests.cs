using Akka.Collector.EndToEnd.Tests.Harness;

namespace Akka.Collector.EndToEnd.Tests.Deployment;

/// <summary>
/// A node that cannot start says why in one message naming the setting to change, before
/// its host starts (so before the host logs a stack trace): found by a new user trying
/// wrong values.
/// </summary>
public sealed class StartRefusalTests
{
    [Theory]
    [InlineData("garbage")]
    [InlineData("collector@127.0.0.1:4053")]
    public async Task A_seed_node_that_is_not_an_address_is_refused_naming_the_key(string seed)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TestNode.StartAsync(Et.At(2026, 12, 3, 12, 0), ["AAPL"],
                $"collector.node.seed-nodes = [\"{seed}\"]"));

        Assert.Contains($"collector.node.seed-nodes = '{seed}'", refused.Message);
        Assert.Contains("COLLECTOR_SEED_NODES", refused.Message);
    }

    [Fact]
    public async Task A_replay_folder_that_does_not_exist_is_refused_naming_the_settings()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-replay-" + Guid.NewGuid());

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TestNode.StartAsync(Et.At(2026, 12, 3, 12, 0), ["AAPL"],
                $"collector.vendor {{ kind = replay, replay.directory = \"{missing}\" }}"));

        Assert.Contains(missing, refused.Message);
        Assert.Contains("COLLECTOR_REPLAY_DIR", refused.Message);
    }
}
