using Akka.Collector.EndToEnd.Tests.Harness;

namespace Akka.Collector.EndToEnd.Tests.Store;

/// <summary>
/// collector.store.sqlite-synchronous: a node starts and collects with either value, and one
/// it does not know stops the start naming the key and what it takes.
/// </summary>
public sealed class SqliteDurabilitySettingTests
{
    [Theory]
    [InlineData("normal")]
    [InlineData("FULL")]
    public async Task A_node_collects_with_either_durability(string synchronous)
    {
        await using var node = await TestNode.StartAsync(Et.At(2026, 12, 3, 12, 0), ["AAPL"],
            $"collector.store.sqlite-synchronous = {synchronous}");

        await node.WaitForStartupRoundsAsync();

        Assert.NotNull(await node.Store.ReadNewestAsync(
            Domain.Symbols.Symbol.Parse("AAPL"), Domain.Intervals.BarInterval.M5,
            CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_durability_is_refused_naming_the_key()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TestNode.StartAsync(Et.At(2026, 12, 3, 12, 0), ["AAPL"],
                "collector.store.sqlite-synchronous = sometimes"));

        Assert.Contains("collector.store.sqlite-synchronous = 'sometimes'", refused.Message);
        Assert.Contains("normal or full", refused.Message);
    }

    // These once read as empty, so the node started on the default nobody asked for.
    [Theory]
    [InlineData("collector.store.sqlite-synchronous { a = 1 }")]
    [InlineData("collector.store.sqlite-synchronous = [full]")]
    public async Task An_object_or_a_list_where_a_word_belongs_is_refused(string setting)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TestNode.StartAsync(Et.At(2026, 12, 3, 12, 0), ["AAPL"], setting));

        Assert.Contains("collector.store.sqlite-synchronous", refused.Message);
        Assert.Contains("expected a string", refused.Message);
    }
}
