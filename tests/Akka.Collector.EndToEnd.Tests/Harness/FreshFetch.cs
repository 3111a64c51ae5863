using Akka.Collector.Actors.Upstream;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>
/// What a fresh fetch of a range stores for one symbol, computed apart from the node's own
/// actors: the node's synthetic vendor asked directly, its reply shaped as the batcher
/// shapes it. What a node that restarted or was down must hold.
/// </summary>
public static class FreshFetch
{
    public static async Task<IReadOnlyList<Candle>> BarsAsync(
        TestNode node, Symbol symbol, BarInterval interval, TimeRange range)
    {
        if (range.From >= range.To)
            return [];

        var reply = await Synthetic.For(node.Services).FetchAsync(
            new BarRequest([symbol], interval.FetchedAs, range), default);
        var grid = node.Services.GetRequiredService<BarGrid>();
        return BarShaper.Shape(reply, [symbol], interval, range, grid).Writes[0].Bars;
    }
}
