using System.Net.Http.Json;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.Gateway.Candles;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Restart;

/// <summary>
/// A node whose clock starts earlier than the data its store already holds (a demo replayed
/// from a past instant) never serves bars that have not closed on its own clock.
/// </summary>
public sealed class EarlierClockTests : IDisposable
{
    private readonly StoreFolder _store = new("earlier");

    [Fact]
    public async Task Bars_after_the_clock_are_not_served_from_a_store_filled_later()
    {
        // arrange: a run at 12:00 stored the morning's minutes
        var noon = Et.At(2026, 12, 3, 12, 0, 30);
        await using (var later = await TestNode.StartAsync(noon, ["AAPL"], directory: _store.Path))
            await later.WaitForStartupRoundsAsync();

        // act: a node on the same store starts with its clock at 11:00
        var eleven = Et.At(2026, 12, 3, 11, 0, 30);
        await using var node = await TestNode.StartAsync(eleven, ["AAPL"], directory: _store.Path);
        await node.WaitForStartupRoundsAsync();
        var chart = await node.Http.GetFromJsonAsync<CandleResponse>(
            "/api/v1/candles/AAPL?interval=1m&limit=5");

        // assert: the newest bar served is the one that closed at 11:00 on this clock
        Assert.NotEmpty(chart!.Candles);
        var newest = Instant.FromUnixTimeMilliseconds(chart.Candles[^1].T);
        Assert.True(newest < Et.At(2026, 12, 3, 11, 0), $"served a bar of {newest}");
    }

    public void Dispose() => _store.Dispose();
}
