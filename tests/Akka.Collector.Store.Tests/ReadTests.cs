using Akka.Collector.Domain.Intervals;
using Akka.Collector.Store.Tests.Support;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests;

public sealed class ReadTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Should_return_the_newest_bars_up_to_the_limit_oldest_first()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        await store.WriteAsync([OneMinuteBars(Aapl, 0, 20)], None);

        // act
        var read = await store.ReadAsync(Aapl, BarInterval.M1, Minute(0), Minute(20), 3, None);

        // assert
        Assert.Equal([Minute(17), Minute(18), Minute(19)], read.Select(c => c.Start));
    }

    [Fact]
    public async Task Should_include_the_start_and_exclude_the_end_of_the_range()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        await store.WriteAsync([OneMinuteBars(Aapl, 0, 20)], None);

        // act
        var read = await store.ReadAsync(Aapl, BarInterval.M1, Minute(5), Minute(8), 100, None);

        // assert
        Assert.Equal([Minute(5), Minute(6), Minute(7)], read.Select(c => c.Start));
    }

    [Fact]
    public async Task Should_return_bars_oldest_first_whatever_order_they_were_written_in()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var shuffled = Covering(Aapl, BarInterval.M1, 0, 3, Bar(2), Bar(0), Bar(1));
        await store.WriteAsync([shuffled], None);

        // act
        var read = await store.ReadAsync(Aapl, BarInterval.M1, Minute(0), Minute(3), 10, None);

        // assert
        Assert.Equal([Bar(0), Bar(1), Bar(2)], read);
    }

    [Theory]
    [InlineData(0, 20, 0)] // a zero limit
    [InlineData(10, 10, 5)] // an empty range
    [InlineData(15, 5, 5)] // an inverted range
    [InlineData(30, 40, 5)] // nothing stored there
    public async Task Should_return_nothing_for_an_empty_request(int from, int to, int limit)
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        await store.WriteAsync([OneMinuteBars(Aapl, 0, 20)], None);

        // act
        var read = await store.ReadAsync(
            Aapl, BarInterval.M1, Minute(from), Minute(to), limit, None);

        // assert
        Assert.Empty(read);
    }

    [Fact]
    public async Task Should_refuse_a_negative_limit_rather_than_read_everything()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();

        // act
        var read = () => store.ReadAsync(Aapl, BarInterval.M1, Minute(0), Minute(20), -1, None);

        // assert
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(read);
    }

    [Fact]
    public async Task Should_read_the_newest_bar_or_none()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        await store.WriteAsync([OneMinuteBars(Aapl, 0, 20)], None);

        // act
        var newest = await store.ReadNewestAsync(Aapl, BarInterval.M1, None);
        var none = await store.ReadNewestAsync(Msft, BarInterval.M1, None);

        // assert
        Assert.Equal(Bar(19, 119m), newest);
        Assert.Null(none);
    }
}
