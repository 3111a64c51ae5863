using Akka.Collector.Domain.Intervals;
using Akka.Collector.Store.Tests.Support;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests;

public sealed class WatermarkTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Should_give_the_end_of_the_newest_covered_range_per_interval()
    {
        // arrange: 5m has a gap, the watermark is still the end of the newest range
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        CandleWrite[] batch =
        [
            Covering(Aapl, BarInterval.M1, 0, 30),
            Covering(Aapl, BarInterval.M5, 0, 30),
            Covering(Aapl, BarInterval.M5, 60, 90),
            Covering(Msft, BarInterval.M15, 0, 120),
        ];
        await store.WriteAsync(batch, None);

        // act
        var watermarks = await store.ReadWatermarksAsync(Aapl, None);

        // assert
        Assert.Equal(2, watermarks.Count);
        Assert.Equal(Minute(30), watermarks[BarInterval.M1]);
        Assert.Equal(Minute(90), watermarks[BarInterval.M5]);
    }

    [Fact]
    public async Task Should_give_no_watermarks_for_a_symbol_never_fetched()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();

        // act
        var watermarks = await store.ReadWatermarksAsync(Aapl, None);

        // assert
        Assert.Empty(watermarks);
    }

    [Theory]
    [InlineData("7m")]
    [InlineData(" 1m")]
    [InlineData("")]
    public async Task Should_skip_interval_names_it_does_not_know(string stored)
    {
        // arrange: a row from a newer build or a hand edit
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        await store.WriteAsync([Covering(Aapl, BarInterval.M1, 0, 10)], None);
        var end = Minute(500).ToUnixTimeMilliseconds();
        db.Execute($"INSERT INTO coverage VALUES ('AAPL', '{stored}', 0, {end})");

        // act
        var watermarks = await store.ReadWatermarksAsync(Aapl, None);

        // assert
        Assert.Equal(Minute(10), Assert.Single(watermarks).Value);
    }
}
