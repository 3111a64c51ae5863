using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store.Postgres;
using Akka.Collector.TestSupport.Postgres;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests.Postgres;

/// <summary>
/// Several nodes' stores write one PostgreSQL database at once. Nothing waits on time: every
/// writer runs to completion and the counts must come out exact.
/// </summary>
public sealed class PostgresConcurrentWriteTests
{
    private const int Writers = 4;
    private const int Batches = 25;
    private const int BarsPerBatch = 20;

    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly Symbol Shared = Symbol.Parse("SPY");

    [Fact]
    public async Task Should_merge_every_writers_coverage_of_one_symbol_into_one_row()
    {
        // arrange
        await using var db = await (await ThrowawayPostgres.SharedAsync())
            .CreateDatabaseAsync("concurrent");
        await new PostgresCandleStore(db.ConnectionString).MigrateAsync(None);

        // act: every writer writes its own symbol and the shared one, interleaved
        await Task.WhenAll(Enumerable.Range(0, Writers)
            .Select(w => Task.Run(() => WriteBatchesAsync(db.ConnectionString, w))));

        // assert
        const int barsPerSymbol = Batches * BarsPerBatch;
        Assert.Equal((Writers + 1) * barsPerSymbol,
            await db.ScalarAsync<long>("SELECT COUNT(*) FROM candles"));
        Assert.Equal(Writers + 1, await db.ScalarAsync<long>("SELECT COUNT(*) FROM coverage"));
        var store = new PostgresCandleStore(db.ConnectionString);
        Assert.Equal([Minutes(0, barsPerSymbol)],
            await store.ReadCoverageAsync(Shared, BarInterval.M1, None));
    }

    private static async Task WriteBatchesAsync(string connectionString, int writer)
    {
        var store = new PostgresCandleStore(connectionString);
        var own = Symbol.Parse($"W{writer}");

        // Writers go through the batches in different orders, so merges meet from both sides.
        var order = Enumerable.Range(0, Batches);
        foreach (var batch in writer % 2 == 0 ? order : order.Reverse())
        {
            var from = batch * BarsPerBatch;
            await store.WriteAsync(
                [OneMinuteBars(own, from, from + BarsPerBatch),
                 OneMinuteBars(Shared, from, from + BarsPerBatch)], None);
        }
    }
}
