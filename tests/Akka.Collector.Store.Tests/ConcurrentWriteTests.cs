using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store.Sqlite;
using Akka.Collector.Store.Tests.Support;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests;

/// <summary>
/// Several nodes' stores and the Akka.Persistence.Sql journal share one SQLite file. Nothing
/// here waits on time: every writer runs to completion and the counts must come out exact.
/// </summary>
public sealed class ConcurrentWriteTests
{
    private const int Writers = 4;
    private const int Batches = 50;
    private const int BarsPerBatch = 20;
    private const int JournalTransactions = 200;

    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly Symbol Shared = Symbol.Parse("SPY");

    [Fact]
    public async Task Should_let_several_stores_and_the_journal_write_one_file_at_once()
    {
        // arrange
        using var db = new TempDatabase();
        await db.OpenStoreAsync();
        db.Execute("CREATE TABLE journal (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");

        // act: any "database is locked" would surface here as a failed task
        var writers = Enumerable.Range(0, Writers)
            .Select(w => Task.Run(() => WriteBatchesAsync(db.ConnectionString, w)));
        var journal = Task.Run(() => AppendToJournal(db));
        await Task.WhenAll([.. writers, journal]);

        // assert: each writer's own symbol plus the one they all wrote, each fully merged
        const int barsPerSymbol = Batches * BarsPerBatch;
        Assert.Equal((Writers + 1) * barsPerSymbol, db.Scalar("SELECT COUNT(*) FROM candles"));
        Assert.Equal(JournalTransactions, db.Scalar("SELECT COUNT(*) FROM journal"));
        Assert.Equal(Writers + 1, db.Scalar("SELECT COUNT(*) FROM coverage"));

        var store = await db.OpenStoreAsync();
        var coverage = await store.ReadCoverageAsync(Shared, BarInterval.M1, None);
        Assert.Equal([Minutes(0, barsPerSymbol)], coverage);
        var shared = await store.ReadAsync(
            Shared, BarInterval.M1, Minute(0), Minute(barsPerSymbol), barsPerSymbol, None);
        Assert.Equal(OneMinuteBars(Shared, 0, barsPerSymbol).Bars, shared);
    }

    // One node: its own store instance, its own symbol, and the symbol every node writes.
    private static async Task WriteBatchesAsync(string connectionString, int writer)
    {
        var store = new SqliteCandleStore(connectionString);
        var own = Symbol.Parse($"W{writer}");

        for (var batch = 0; batch < Batches; batch++)
        {
            var from = batch * BarsPerBatch;
            var to = from + BarsPerBatch;
            await store.WriteAsync(
                [OneMinuteBars(own, from, to), OneMinuteBars(Shared, from, to)], None);

            // Reads go on between writes, as the gateway's would.
            var newest = await store.ReadNewestAsync(own, BarInterval.M1, None);
            Assert.Equal(Minute(to - 1), newest?.Start);
        }
    }

    // Stands in for the journal: a plain Microsoft.Data.Sqlite connection with default
    // settings (no busy_timeout pragma), committing small write transactions of its own.
    private static void AppendToJournal(TempDatabase db)
    {
        using var connection = db.OpenRaw();
        for (var i = 0; i < JournalTransactions; i++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO journal (payload) VALUES (@payload)";
            command.Parameters.AddWithValue("@payload", $"event {i}");
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
