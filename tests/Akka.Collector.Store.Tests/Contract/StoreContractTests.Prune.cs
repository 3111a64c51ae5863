using Akka.Collector.Domain.Intervals;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests.Contract;

/// <summary>Retention: PruneAsync on one interval, across every symbol.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Prune_deletes_the_intervals_bars_before_the_cut_and_counts_them()
    {
        // arrange: two symbols' 1m bars at minutes 0-19, and 5m bars that must stay
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        await store.WriteAsync(
            [OneMinuteBars(Aapl, 0, 20), OneMinuteBars(Msft, 0, 20),
             Covering(Aapl, BarInterval.M5, 0, 10, Bar(0), Bar(5))], None);

        // act
        var deleted = await store.PruneAsync(BarInterval.M1, Minute(12), None);

        // assert: minutes 0-11 of both symbols went, minute 12 (at the cut) stayed
        Assert.Equal(24, deleted);
        var aapl = await store.ReadAsync(Aapl, BarInterval.M1, Minute(0), Minute(20), 100, None);
        Assert.Equal(OneMinuteBars(Aapl, 12, 20).Bars, aapl);
        Assert.Equal(8, await db.ScalarAsync(
            "SELECT COUNT(*) FROM candles WHERE symbol = 'MSFT' AND interval = '1m'"));
        var fiveMinute = await store.ReadAsync(
            Aapl, BarInterval.M5, Minute(0), Minute(10), 100, None);
        Assert.Equal([Bar(0), Bar(5)], fiveMinute);
    }

    [Fact]
    public async Task Prune_drops_ranges_before_the_cut_and_clips_the_one_spanning_it()
    {
        // arrange: ranges ending before, ending at, spanning and after the cut at minute 30
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        await store.WriteAsync(
            [Covering(Aapl, BarInterval.M1, 0, 10), Covering(Aapl, BarInterval.M1, 20, 30),
             Covering(Msft, BarInterval.M1, 25, 40), Covering(Msft, BarInterval.M1, 50, 60),
             Covering(Aapl, BarInterval.M5, 0, 60)], None);

        // act
        await store.PruneAsync(BarInterval.M1, Minute(30), None);

        // assert
        Assert.Empty(await store.ReadCoverageAsync(Aapl, BarInterval.M1, None));
        Assert.Equal(
            [Minutes(30, 40), Minutes(50, 60)],
            await store.ReadCoverageAsync(Msft, BarInterval.M1, None));
        Assert.Equal([Minutes(0, 60)], await store.ReadCoverageAsync(Aapl, BarInterval.M5, None));
        Assert.Equal(3, await db.ScalarAsync("SELECT COUNT(*) FROM coverage"));
    }

    [Fact]
    public async Task Prune_keeps_the_watermark_and_later_writes_merge_with_the_clipped_range()
    {
        // arrange
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        await store.WriteAsync([OneMinuteBars(Aapl, 0, 30)], None);

        // act: prune, then the next round's minute lands after the clipped range
        await store.PruneAsync(BarInterval.M1, Minute(10), None);
        await store.WriteAsync([OneMinuteBars(Aapl, 30, 31)], None);

        // assert
        Assert.Equal(Minute(31), (await store.ReadWatermarksAsync(Aapl, None))[BarInterval.M1]);
        Assert.Equal([Minutes(10, 31)], await store.ReadCoverageAsync(Aapl, BarInterval.M1, None));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM coverage"));
    }

    [Fact]
    public async Task Prune_again_or_of_an_empty_store_deletes_nothing()
    {
        // arrange
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        var empty = await store.PruneAsync(BarInterval.D1, Minute(100), None);
        await store.WriteAsync([OneMinuteBars(Aapl, 0, 10)], None);

        // act
        var first = await store.PruneAsync(BarInterval.M1, Minute(5), None);
        var second = await store.PruneAsync(BarInterval.M1, Minute(5), None);

        // assert
        Assert.Equal(0, empty);
        Assert.Equal(5, first);
        Assert.Equal(0, second);
        Assert.Equal([Minutes(5, 10)], await store.ReadCoverageAsync(Aapl, BarInterval.M1, None));
    }
}
