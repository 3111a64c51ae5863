using System.Collections.Concurrent;

namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// One thread of its own on which every SQLite write of the process runs. Microsoft.Data.Sqlite
/// and SQLitePCLRaw run synchronously (statements, then the commit's fsync), so a write on the
/// .NET thread pool holds a pool thread for all of it; on a two-core node that is half the
/// pool the HTTP client, the gateway and the actors share, while the write mostly waits on
/// the disk. SQLite takes one writer at a time anyway, so one thread loses nothing. WAL
/// checkpoints get a thread of their own (<see cref="Checkpoints"/>), so they neither hold
/// a pool thread nor wait behind writes, nor writes behind them.
/// </summary>
internal sealed class SqliteWriterThread : TaskScheduler
{
    public static readonly SqliteWriterThread Shared = new("sqlite-writer");

    public static readonly SqliteWriterThread Checkpoints = new("sqlite-checkpoint");

    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread _thread;

    private SqliteWriterThread(string name)
    {
        // Background: a node that exits does not wait for an idle writer.
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Runs <paramref name="work"/> on the writer thread; its awaits stay there.</summary>
    public Task<T> Run<T>(Func<Task<T>> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this)
            .Unwrap();

    protected override void QueueTask(Task task) => _queue.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == _thread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => [.. _queue];

    private void Loop()
    {
        foreach (var task in _queue.GetConsumingEnumerable())
            TryExecuteTask(task);
    }
}
