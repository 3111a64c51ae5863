using Akka.Collector.Store.Sqlite;
using Akka.Collector.Store.Tests.Support;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests;

/// <summary>
/// The WAL goes back into the file beside the writes, not inside them: store connections
/// never checkpoint in a commit, and every tenth committed batch starts one of its own.
/// </summary>
public sealed class CheckpointTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_store_connection_never_checkpoints_inside_a_commit()
    {
        using var db = new TempDatabase();

        var connector = new SqliteConnector(db.ConnectionString);

        Assert.Equal(0L, await StorePragmas.ReadAsync(connector, "wal_autocheckpoint"));
    }

    [Theory]
    [InlineData(SqliteCheckpointer.BatchesPerCheckpoint - 1, 0)]
    [InlineData(SqliteCheckpointer.BatchesPerCheckpoint, 1)]
    public async Task Every_tenth_batch_starts_a_checkpoint_beside_the_writes(
        int batches, long checkpoints)
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();

        // act
        for (var i = 0; i < batches; i++)
            await store.WriteAsync([OneMinuteBars(Aapl, i, i + 1)], None);
        await store.CheckpointIdleAsync();

        // assert: and every bar is there to read, whichever file holds it now
        Assert.Equal(checkpoints, store.CheckpointsCompleted);
        var read = await store.ReadAsync(
            Aapl, Domain.Intervals.BarInterval.M1, Minute(0), Minute(batches), 100, None);
        Assert.Equal(batches, read.Count);
    }
}
