namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// When the candle store's commits reach the disk (SQLite's <c>synchronous</c>, in WAL mode).
/// </summary>
public enum SqliteDurability
{
    /// <summary>
    /// The WAL is synced at checkpoints, not at each commit. A commit survives the node's
    /// process dying (kill -9, out of memory) and the file is never corrupted; a power loss
    /// or an OS crash may roll back the last commits, bars and their coverage together, so
    /// the collector sees those ranges as not fetched and fetches them again. SQLite's own
    /// advice for WAL; the default.
    /// </summary>
    Normal,

    /// <summary>
    /// Every commit syncs the WAL before it returns: also a power loss keeps it. Costs an
    /// fsync per batch (1.5 to 3 ms on the 2-vCPU VM of README "Benchmarks", on the path of
    /// every round's last reply).
    /// </summary>
    Full,
}
