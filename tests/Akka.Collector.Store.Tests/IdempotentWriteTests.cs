using Akka.Collector.Domain.Intervals;
using Akka.Collector.Store.Tests.Support;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests;

public sealed class IdempotentWriteTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Should_change_nothing_when_the_same_batch_is_written_again()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var batch = new[] { OneMinuteBars(Aapl, 0, 30), OneMinuteBars(Msft, 10, 20) };
        await store.WriteAsync(batch, None);

        // act: a retry, a crash replay, a re-fetch after a rebalance
        await store.WriteAsync(batch, None);
        await store.WriteAsync(batch, None);

        // assert
        Assert.Equal(40, db.Scalar("SELECT COUNT(*) FROM candles"));
        Assert.Equal(2, db.Scalar("SELECT COUNT(*) FROM coverage"));
        var read = await store.ReadAsync(Aapl, BarInterval.M1, Minute(0), Minute(30), 100, None);
        Assert.Equal(batch[0].Bars, read);
    }

    [Fact]
    public async Task Should_take_the_corrected_values_when_a_bar_is_written_again()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        await store.WriteAsync([Covering(Aapl, BarInterval.M1, 0, 2, Bar(0), Bar(1))], None);
        var corrected = Bar(1, close: 101.25m, volume: 4_321);

        // act
        await store.WriteAsync([Covering(Aapl, BarInterval.M1, 1, 2, corrected)], None);

        // assert
        var read = await store.ReadAsync(Aapl, BarInterval.M1, Minute(0), Minute(2), 10, None);
        Assert.Equal([Bar(0), corrected], read);
        Assert.Equal(2, db.Scalar("SELECT COUNT(*) FROM candles"));
    }

    [Fact]
    public async Task Should_keep_the_later_bar_when_one_batch_holds_a_start_twice()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var first = Covering(Aapl, BarInterval.M1, 0, 1, Bar(0, close: 10m));
        var second = Covering(Aapl, BarInterval.M1, 0, 1, Bar(0, close: 11m));

        // act
        await store.WriteAsync([first, second], None);

        // assert
        Assert.Equal(11m, (await store.ReadNewestAsync(Aapl, BarInterval.M1, None))?.Close);
        Assert.Equal(1, db.Scalar("SELECT COUNT(*) FROM candles"));
    }
}
