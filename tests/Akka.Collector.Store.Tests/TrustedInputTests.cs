using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Store.Sqlite;
using Akka.Collector.Store.Tests.Support;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests;

/// <summary>
/// The store trusts its caller with the content of a write; the collector validates vendor
/// data before it gets here. What the store does refuse is what would make it misbehave.
/// </summary>
public sealed class TrustedInputTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Should_store_a_bar_outside_its_covered_range_as_given()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();

        // act
        await store.WriteAsync([Covering(Aapl, BarInterval.M1, 0, 5, Bar(42))], None);

        // assert
        Assert.Equal(Bar(42), await store.ReadNewestAsync(Aapl, BarInterval.M1, None));
        Assert.Equal([Minutes(0, 5)], await store.ReadCoverageAsync(Aapl, BarInterval.M1, None));
    }

    [Fact]
    public async Task Should_store_an_inconsistent_bar_as_given()
    {
        // arrange: low above high, which the collector is meant to have rejected
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var bad = new Candle(Minute(0), 10m, 9m, 11m, 10m, 1);

        // act
        await store.WriteAsync([Covering(Aapl, BarInterval.M1, 0, 1, bad)], None);

        // assert
        Assert.Equal(bad, await store.ReadNewestAsync(Aapl, BarInterval.M1, None));
    }

    [Fact]
    public async Task Should_accept_an_empty_batch_and_write_nothing()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();

        // act
        await store.WriteAsync([], None);

        // assert
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM candles"));
    }

    [Fact]
    public async Task Should_write_nothing_of_a_batch_cancelled_half_way()
    {
        // arrange: the token is cancelled once the first write of the batch is stored
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        using var cancel = new CancellationTokenSource();
        var batch = new CancelAfterFirst(
            [OneMinuteBars(Aapl, 0, 10), OneMinuteBars(Msft, 0, 10)], cancel);

        // act
        var write = () => store.WriteAsync(batch, cancel.Token);

        // assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(write);
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM candles"));
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM coverage"));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=collector;Mode=Memory;Cache=Shared")]
    [InlineData("Mode=ReadWriteCreate")]
    public void Should_refuse_a_connection_string_without_a_database_file(string text)
    {
        // act
        var create = () => new SqliteCandleStore(text);

        // assert
        var error = Assert.Throws<ArgumentException>(create);
        Assert.Contains("needs a database file", error.Message);
    }

    // Hands out its first write, then cancels before handing out the rest.
    private sealed class CancelAfterFirst(
        IReadOnlyList<CandleWrite> writes, CancellationTokenSource cancel)
        : IReadOnlyList<CandleWrite>
    {
        public int Count => writes.Count;

        public CandleWrite this[int index] => writes[index];

        public IEnumerator<CandleWrite> GetEnumerator()
        {
            for (var i = 0; i < writes.Count; i++)
            {
                if (i == 1)
                    cancel.Cancel();
                yield return writes[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() =>
            GetEnumerator();
    }
}
