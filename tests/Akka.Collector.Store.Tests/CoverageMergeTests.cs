using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Store.Tests.Support;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests;

public sealed class CoverageMergeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("0-10, 10-20", "0-20")] // adjacent
    [InlineData("10-20, 0-10", "0-20")] // adjacent, written in reverse
    [InlineData("0-10, 5-15", "0-15")] // overlapping
    [InlineData("0-10, 20-30", "0-10, 20-30")] // disjoint
    [InlineData("20-30, 0-10", "0-10, 20-30")] // disjoint, read back ordered
    [InlineData("0-30, 10-20", "0-30")] // contained
    [InlineData("10-20, 0-30", "0-30")] // containing
    [InlineData("0-10, 20-30, 40-50, 5-45", "0-50")] // one range swallows three
    [InlineData("0-10, 20-30, 10-20", "0-30")] // a gap closed exactly
    [InlineData("0-10, 5-5", "0-10")] // empty, inside
    [InlineData("5-5", "")] // empty alone
    [InlineData("0-10, 0-10", "0-10")] // the same range again
    public async Task Should_merge_overlapping_and_adjacent_ranges_in_separate_batches(
        string written, string expected)
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();

        // act
        foreach (var range in Parse(written))
            await store.WriteAsync([new CandleWrite(Aapl, BarInterval.M1, range, [])], None);

        // assert
        var coverage = await store.ReadCoverageAsync(Aapl, BarInterval.M1, None);
        Assert.Equal(Parse(expected), coverage);
        Assert.Equal(coverage.Count, db.Scalar("SELECT COUNT(*) FROM coverage"));
    }

    [Fact]
    public async Task Should_merge_ranges_that_arrive_in_one_batch()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        CandleWrite[] batch =
        [
            Covering(Aapl, BarInterval.M1, 0, 10),
            Covering(Aapl, BarInterval.M1, 20, 30),
            Covering(Aapl, BarInterval.M1, 10, 20),
        ];

        // act
        await store.WriteAsync(batch, None);

        // assert
        Assert.Equal([Minutes(0, 30)], await store.ReadCoverageAsync(Aapl, BarInterval.M1, None));
        Assert.Equal(1, db.Scalar("SELECT COUNT(*) FROM coverage"));
    }

    [Fact]
    public async Task Should_record_coverage_for_a_fetch_that_returned_no_bars()
    {
        // arrange: an illiquid stretch, fetched, with nothing traded
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();

        // act
        await store.WriteAsync([Covering(Aapl, BarInterval.M1, 0, 15)], None);

        // assert
        Assert.Equal([Minutes(0, 15)], await store.ReadCoverageAsync(Aapl, BarInterval.M1, None));
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM candles"));
    }

    [Fact]
    public async Task Should_store_the_bars_of_an_empty_covered_range_but_record_no_coverage()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();

        // act
        await store.WriteAsync([Covering(Aapl, BarInterval.M1, 3, 3, Bar(3))], None);

        // assert
        Assert.Empty(await store.ReadCoverageAsync(Aapl, BarInterval.M1, None));
        Assert.Equal(Bar(3), await store.ReadNewestAsync(Aapl, BarInterval.M1, None));
    }

    [Fact]
    public async Task Should_not_merge_ranges_of_another_interval_or_symbol()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        CandleWrite[] batch =
        [
            Covering(Aapl, BarInterval.M1, 0, 10),
            Covering(Aapl, BarInterval.M5, 10, 20),
            Covering(Msft, BarInterval.M1, 10, 20),
        ];

        // act
        await store.WriteAsync(batch, None);

        // assert
        Assert.Equal([Minutes(0, 10)], await store.ReadCoverageAsync(Aapl, BarInterval.M1, None));
        Assert.Equal([Minutes(10, 20)], await store.ReadCoverageAsync(Aapl, BarInterval.M5, None));
        Assert.Equal([Minutes(10, 20)], await store.ReadCoverageAsync(Msft, BarInterval.M1, None));
    }

    [Fact]
    public async Task Should_join_touching_rows_on_read_even_if_they_were_stored_apart()
    {
        // arrange: rows an older build or a hand edit left unmerged
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var a = Minute(0).ToUnixTimeMilliseconds();
        var b = Minute(10).ToUnixTimeMilliseconds();
        var c = Minute(20).ToUnixTimeMilliseconds();
        db.Execute($"INSERT INTO coverage VALUES ('AAPL', '1m', {a}, {b})");
        db.Execute($"INSERT INTO coverage VALUES ('AAPL', '1m', {b}, {c})");

        // act
        var coverage = await store.ReadCoverageAsync(Aapl, BarInterval.M1, None);

        // assert
        Assert.Equal([Minutes(0, 20)], coverage);
    }

    // "0-10, 20-30" -> [0m, 10m), [20m, 30m) after the session open; "" -> none.
    private static List<TimeRange> Parse(string ranges) =>
        ranges.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.Split('-'))
            .Select(p => Minutes(int.Parse(p[0]), int.Parse(p[1])))
            .ToList();
}
