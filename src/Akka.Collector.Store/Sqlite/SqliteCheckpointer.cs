namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// Copies the store's WAL back into the database file off the write path. SQLite's own
/// auto-checkpoint runs inside the commit that crosses 1,000 WAL pages: a batch of 100
/// symbols dirties about 100 pages, so one commit in ten took 7 to 9 ms instead of 2 (store
/// connections switch it off, <see cref="SqliteConnector"/>). Here, after every
/// <see cref="BatchesPerCheckpoint"/> committed batches, a PASSIVE checkpoint runs on its own
/// connection and thread: it never waits for a writer nor holds one up, and copies what no
/// reader still needs.
/// </summary>
/// <remarks>
/// Known shortcoming: a checkpoint that fails (disk full, I/O error) is not logged; the store
/// has no logger. The next one tries again, and meanwhile only the WAL file grows, while
/// the writes themselves fail and say why.
/// </remarks>
internal sealed class SqliteCheckpointer(SqliteConnector connector)
{
    /// <summary>About SQLite's default of 1,000 pages, at 100 symbols a batch.</summary>
    public const int BatchesPerCheckpoint = 10;

    private readonly object _gate = new();
    private int _sinceLast;
    private Task _running = Task.CompletedTask;
    private long _completed;

    /// <summary>Checkpoints that ran to their end since this store was made.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>A batch (or a prune) has committed; starts a checkpoint when one is due and
    /// none runs.</summary>
    public void Committed()
    {
        lock (_gate)
        {
            if (++_sinceLast < BatchesPerCheckpoint || !_running.IsCompleted)
                return;

            _sinceLast = 0;
            _running = SqliteWriterThread.Checkpoints.Run(RunAsync, CancellationToken.None);
        }
    }

    /// <summary>Completes when no checkpoint runs.</summary>
    public Task IdleAsync()
    {
        lock (_gate)
            return _running;
    }

    private async Task<bool> RunAsync()
    {
        try
        {
            await using var connection = await connector.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            await command.ExecuteNonQueryAsync();
            Interlocked.Increment(ref _completed);
            return true;
        }
        catch (Exception)
        {
            // See the remarks: the next checkpoint tries again.
            return false;
        }
    }
}
