using System.Globalization;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Store.Tests.Support;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests;

public sealed class CandleRoundTripTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Should_read_back_the_bars_it_wrote_oldest_first()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var write = OneMinuteBars(Aapl, 0, 5);

        // act
        await store.WriteAsync([write], None);
        var read = await store.ReadAsync(Aapl, BarInterval.M1, Minute(0), Minute(5), 100, None);

        // assert
        Assert.Equal(write.Bars, read);
    }

    [Theory]
    [InlineData("55.5299")]
    [InlineData("112.085")]
    [InlineData("0.0001")]
    [InlineData("3999.99")]
    [InlineData("1234567.8912")]
    [InlineData("123456789.012345")]
    public async Task Should_give_back_the_exact_decimal_price_it_was_given(string text)
    {
        // arrange: the price in every field, so each column's conversion is checked
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var price = decimal.Parse(text, CultureInfo.InvariantCulture);
        var bar = new Candle(Minute(0), price, price, price, price, 7);

        // act
        await store.WriteAsync([Covering(Aapl, BarInterval.M1, 0, 1, bar)], None);
        var read = await store.ReadNewestAsync(Aapl, BarInterval.M1, None);

        // assert
        Assert.NotNull(read);
        Assert.Equal(price, read.Value.Open);
        Assert.Equal(price, read.Value.High);
        Assert.Equal(price, read.Value.Low);
        Assert.Equal(price, read.Value.Close);
        Assert.Equal(text, read.Value.Close.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Should_keep_volumes_beyond_the_32_bit_range()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var bar = Bar(0, volume: 9_000_000_000L);

        // act
        await store.WriteAsync([Covering(Aapl, BarInterval.D1, 0, 390, bar)], None);
        var read = await store.ReadNewestAsync(Aapl, BarInterval.D1, None);

        // assert
        Assert.Equal(9_000_000_000L, read?.Volume);
    }

    [Fact]
    public async Task Should_see_everything_after_a_restart_on_the_same_file()
    {
        // arrange
        using var db = new TempDatabase();
        var before = await db.OpenStoreAsync();
        await before.WriteAsync([OneMinuteBars(Aapl, 0, 10), OneMinuteBars(Msft, 0, 3)], None);

        // act: a new instance, as after a node restart, initialising the existing file again
        var after = await db.OpenStoreAsync();
        var aapl = await after.ReadAsync(Aapl, BarInterval.M1, Minute(0), Minute(10), 100, None);
        var msft = await after.ReadAsync(Msft, BarInterval.M1, Minute(0), Minute(10), 100, None);
        var coverage = await after.ReadCoverageAsync(Aapl, BarInterval.M1, None);
        var watermarks = await after.ReadWatermarksAsync(Msft, None);

        // assert
        Assert.Equal(OneMinuteBars(Aapl, 0, 10).Bars, aapl);
        Assert.Equal(OneMinuteBars(Msft, 0, 3).Bars, msft);
        Assert.Equal([Minutes(0, 10)], coverage);
        Assert.Equal(Minute(3), watermarks[BarInterval.M1]);
    }

    [Fact]
    public async Task Should_keep_symbols_and_intervals_apart()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var aapl1m = Covering(Aapl, BarInterval.M1, 0, 1, Bar(0, 10m));
        var aapl5m = Covering(Aapl, BarInterval.M5, 0, 5, Bar(0, 20m));
        var msft1m = Covering(Msft, BarInterval.M1, 0, 1, Bar(0, 30m));

        // act
        await store.WriteAsync([aapl1m, aapl5m, msft1m], None);

        // assert
        Assert.Equal(10m, (await store.ReadNewestAsync(Aapl, BarInterval.M1, None))?.Close);
        Assert.Equal(20m, (await store.ReadNewestAsync(Aapl, BarInterval.M5, None))?.Close);
        Assert.Equal(30m, (await store.ReadNewestAsync(Msft, BarInterval.M1, None))?.Close);
        Assert.Null(await store.ReadNewestAsync(Msft, BarInterval.M5, None));
    }
}
