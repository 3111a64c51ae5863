using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests.Contract;

/// <summary>Upserts, corrections, coverage merge, watermarks and the source claim.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Write_reads_back_oldest_first_and_survives_a_new_store_instance()
    {
        // arrange
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        await store.WriteAsync([OneMinuteBars(Aapl, 0, 10), OneMinuteBars(Msft, 0, 3)], None);

        // act: a new instance, as after a node restart, initialising the schema again
        var after = await db.OpenStoreAsync();
        var aapl = await after.ReadAsync(Aapl, BarInterval.M1, Minute(0), Minute(10), 4, None);

        // assert: the newest four, oldest first
        Assert.Equal(OneMinuteBars(Aapl, 6, 10).Bars, aapl);
        Assert.Equal(Bar(2, 102m), await after.ReadNewestAsync(Msft, BarInterval.M1, None));
        Assert.Null(await after.ReadNewestAsync(Msft, BarInterval.M5, None));
    }

    [Fact]
    public async Task Write_again_of_the_same_batch_changes_nothing()
    {
        // arrange
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        CandleWrite[] batch = [OneMinuteBars(Aapl, 0, 30), OneMinuteBars(Msft, 10, 20)];
        await store.WriteAsync(batch, None);

        // act: a retry, a crash replay, a re-fetch after a rebalance
        await store.WriteAsync(batch, None);
        await store.WriteAsync(batch, None);

        // assert
        Assert.Equal(40, await db.ScalarAsync("SELECT COUNT(*) FROM candles"));
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM coverage"));
        var read = await store.ReadAsync(Aapl, BarInterval.M1, Minute(0), Minute(30), 100, None);
        Assert.Equal(batch[0].Bars, read);
    }

    [Fact]
    public async Task Write_of_a_corrected_bar_replaces_every_field_even_a_lower_high()
    {
        // arrange: the vendor later corrects minute 1 (a bad print removed: high goes down)
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        var original = new Candle(Minute(1), 100m, 120m, 99m, 101m, 5_000);
        await store.WriteAsync(
            [Covering(Aapl, BarInterval.M1, 0, 2, Bar(0), original)], None);
        var corrected = new Candle(Minute(1), 100.5m, 101.5m, 99.5m, 100.75m, 4_321);

        // act
        await store.WriteAsync([Covering(Aapl, BarInterval.M1, 1, 2, corrected)], None);

        // assert
        var read = await store.ReadAsync(Aapl, BarInterval.M1, Minute(0), Minute(2), 10, None);
        Assert.Equal([Bar(0), corrected], read);
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM candles"));
        Assert.Equal([Minutes(0, 2)], await store.ReadCoverageAsync(Aapl, BarInterval.M1, None));
    }

    [Fact]
    public async Task Write_keeps_the_later_bar_when_one_batch_holds_a_start_twice()
    {
        // arrange: the same symbol and interval twice, and one write out of time order
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        var first = Covering(Aapl, BarInterval.M1, 0, 2, Bar(1, close: 9m), Bar(0, close: 10m));
        var second = Covering(Aapl, BarInterval.M1, 0, 1, Bar(0, close: 11m));

        // act
        await store.WriteAsync([first, second], None);

        // assert
        var read = await store.ReadAsync(Aapl, BarInterval.M1, Minute(0), Minute(2), 10, None);
        Assert.Equal([Bar(0, close: 11m), Bar(1, close: 9m)], read);
    }

    [Theory]
    [InlineData("0-10, 10-20", "0-20")] // adjacent
    [InlineData("10-20, 0-10", "0-20")] // adjacent, written in reverse
    [InlineData("0-10, 5-15", "0-15")] // overlapping
    [InlineData("20-30, 0-10", "0-10, 20-30")] // disjoint, read back ordered
    [InlineData("0-30, 10-20", "0-30")] // contained
    [InlineData("10-20, 0-30", "0-30")] // containing
    [InlineData("0-10, 20-30, 40-50, 5-45", "0-50")] // one range swallows three
    [InlineData("0-10, 20-30, 10-20", "0-30")] // a gap closed exactly
    [InlineData("0-10, 5-5", "0-10")] // empty, inside
    [InlineData("0-10, 0-10", "0-10")] // the same range again
    public async Task Write_merges_covered_ranges_in_separate_batches_and_in_one(
        string written, string expected)
    {
        // arrange
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        var ranges = Parse(written);

        // act: AAPL one batch per range, MSFT all of them in one batch
        foreach (var range in ranges)
            await store.WriteAsync([new CandleWrite(Aapl, BarInterval.M1, range, [])], None);
        await store.WriteAsync(
            ranges.Select(r => new CandleWrite(Msft, BarInterval.M1, r, [])).ToList(), None);

        // assert: merged on disk too, not only on read
        var aapl = await store.ReadCoverageAsync(Aapl, BarInterval.M1, None);
        Assert.Equal(Parse(expected), aapl);
        Assert.Equal(Parse(expected), await store.ReadCoverageAsync(Msft, BarInterval.M1, None));
        Assert.Equal(2 * aapl.Count, await db.ScalarAsync("SELECT COUNT(*) FROM coverage"));
    }

    [Fact]
    public async Task Write_keeps_coverage_of_other_intervals_and_symbols_apart()
    {
        // arrange
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();

        // act
        await store.WriteAsync(
            [Covering(Aapl, BarInterval.M1, 0, 10), Covering(Aapl, BarInterval.M5, 10, 20),
             Covering(Msft, BarInterval.M1, 10, 20)], None);

        // assert
        Assert.Equal([Minutes(0, 10)], await store.ReadCoverageAsync(Aapl, BarInterval.M1, None));
        Assert.Equal([Minutes(10, 20)], await store.ReadCoverageAsync(Aapl, BarInterval.M5, None));
        Assert.Equal([Minutes(10, 20)], await store.ReadCoverageAsync(Msft, BarInterval.M1, None));
    }

    [Fact]
    public async Task Watermarks_are_the_end_of_the_newest_covered_range_per_interval()
    {
        // arrange: 5m has a gap, the watermark is still the end of the newest range
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        await store.WriteAsync(
            [Covering(Aapl, BarInterval.M1, 0, 30), Covering(Aapl, BarInterval.M5, 0, 30),
             Covering(Aapl, BarInterval.M5, 60, 90), Covering(Msft, BarInterval.M15, 0, 120)],
            None);

        // act
        var watermarks = await store.ReadWatermarksAsync(Aapl, None);

        // assert
        Assert.Equal(2, watermarks.Count);
        Assert.Equal(Minute(30), watermarks[BarInterval.M1]);
        Assert.Equal(Minute(90), watermarks[BarInterval.M5]);
    }

    [Fact]
    public async Task Claim_of_the_source_keeps_the_first_one()
    {
        // arrange
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();

        // act
        var first = await store.ClaimSourceAsync("synthetic", None);
        var again = await store.ClaimSourceAsync("synthetic", None);
        var other = await (await db.OpenStoreAsync()).ClaimSourceAsync("replay", None);

        // assert
        Assert.Equal(["synthetic", "synthetic", "synthetic"], [first, again, other]);
    }

    [Fact]
    public async Task Write_with_a_cancelled_token_stores_nothing()
    {
        // arrange
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        // act
        var write = () => store.WriteAsync([OneMinuteBars(Aapl, 0, 10)], cancel.Token);

        // assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(write);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM candles"));
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM coverage"));
    }

    // "0-10, 20-30" -> [0m, 10m), [20m, 30m) after the session open; "" -> none.
    private static List<TimeRange> Parse(string ranges) =>
        ranges.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.Split('-'))
            .Select(p => Minutes(int.Parse(p[0]), int.Parse(p[1])))
            .ToList();
}
