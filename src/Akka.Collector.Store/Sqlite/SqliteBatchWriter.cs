using Akka.Collector.Domain.Alignment;
using Microsoft.Data.Sqlite;

namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// Writes one batch inside the caller's write transaction, on SQLite's own API: bars through
/// <see cref="SqliteBarUpsert"/>, coverage through three statements of its own (a round of
/// one bar per symbol spends most of its write on coverage). Statements are prepared once
/// per batch and re-bound for each write.
/// </summary>
/// <remarks>
/// The store trusts its caller: a bar outside its write's covered range, or a bar that fails
/// <c>Candle.Inconsistency()</c>, is stored as given. Checking vendor data is the collector's
/// job, before it calls the store. Two bars with one start in a batch: the later one wins.
/// Write rate of new bars (store bench, README "Store write rates"; 2026-12-04, 1,000,000
/// bars, a 2-vCPU machine shared with other builds): 1.47x to 2.53x the sqlite3 shell's
/// <c>.import</c> of the same rows in the same run, over three runs (target 0.7x). One
/// Microsoft.Data.Sqlite command per bar, before, made 0.48x to 0.80x.
/// </remarks>
internal sealed class SqliteBatchWriter : IDisposable
{
    // Numbered parameters: ?1 symbol, ?2 interval, ?3 from, ?4 to. Touching counts:
    // [a, b) and [b, c) are one fetched span, hence <= and >=.
    private const string TouchingWhere =
        "WHERE symbol = ?1 AND interval = ?2 AND from_ms <= ?4 AND to_ms >= ?3";

    private const string FindCoverageSql = "SELECT from_ms, to_ms FROM coverage " + TouchingWhere;

    private const string DeleteCoverageSql = "DELETE FROM coverage " + TouchingWhere;

    private const string InsertCoverageSql =
        "INSERT INTO coverage (symbol, interval, from_ms, to_ms) VALUES (?1, ?2, ?3, ?4)";

    private readonly List<SqliteStatement> _prepared = [];
    private readonly SqliteBarUpsert _bars;
    private readonly SqliteStatement _findCoverage;
    private readonly SqliteStatement _deleteCoverage;
    private readonly SqliteStatement _insertCoverage;

    public SqliteBatchWriter(SqliteTransaction transaction)
    {
        var connection = transaction.Connection!;
        try
        {
            _findCoverage = Prepare(connection, FindCoverageSql);
            _deleteCoverage = Prepare(connection, DeleteCoverageSql);
            _insertCoverage = Prepare(connection, InsertCoverageSql);
            _bars = new SqliteBarUpsert(connection);
        }
        catch
        {
            // Finalized before the connection goes back to its pool.
            Dispose();
            throw;
        }
    }

    public void Write(CandleWrite write, CancellationToken cancellationToken)
    {
        var symbol = write.Symbol.Value;
        var interval = write.Interval.Name;

        // Synchronous: SQLite has no async API, and a Task per row cost more than the insert.
        _bars.Write(symbol, interval, write.Bars);

        cancellationToken.ThrowIfCancellationRequested();

        MergeCoverage(symbol, interval, write.Covered);
    }

    public void Dispose()
    {
        _bars?.Dispose();
        foreach (var statement in _prepared)
            statement.Dispose();
    }

    /// <summary>
    /// Replaces every row the range overlaps or touches with one row spanning them all. The
    /// write lock is already held, so the rows read here are exactly the rows replaced.
    /// </summary>
    private void MergeCoverage(string symbol, string interval, TimeRange covered)
    {
        // An empty range was not a fetch of anything; bars in its write are still stored.
        if (covered.IsEmpty)
            return;

        var from = RowMapping.ToMs(covered.From);
        var to = RowMapping.ToMs(covered.To);
        BindRange(_findCoverage, symbol, interval, from, to);

        var mergedFrom = from;
        var mergedTo = to;
        var found = 0;
        var alreadyCovered = false;
        while (_findCoverage.Read())
        {
            var rowFrom = _findCoverage.Int64(0);
            var rowTo = _findCoverage.Int64(1);
            alreadyCovered = rowFrom <= from && rowTo >= to;
            mergedFrom = Math.Min(mergedFrom, rowFrom);
            mergedTo = Math.Max(mergedTo, rowTo);
            found++;
        }

        // A re-fetch inside one known span changes nothing.
        if (found == 1 && alreadyCovered)
            return;

        if (found > 0)
        {
            BindRange(_deleteCoverage, symbol, interval, from, to);
            _deleteCoverage.Execute();
        }

        BindRange(_insertCoverage, symbol, interval, mergedFrom, mergedTo);
        _insertCoverage.Execute();
    }

    private SqliteStatement Prepare(SqliteConnection connection, string sql)
    {
        var statement = new SqliteStatement(connection, sql);
        _prepared.Add(statement);
        return statement;
    }

    private static void BindRange(
        SqliteStatement statement, string symbol, string interval, long from, long to)
    {
        statement.Bind(1, symbol);
        statement.Bind(2, interval);
        statement.Bind(3, from);
        statement.Bind(4, to);
    }
}
