using Akka.Collector.Domain.Alignment;
using Microsoft.Data.Sqlite;

namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// Writes one batch inside the caller's write transaction: bars through
/// <see cref="SqliteBarUpsert"/> on SQLite's own API, coverage through Microsoft.Data.Sqlite
/// commands. Statements are prepared once per batch and re-bound for each write.
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
    // Touching counts: [a, b) and [b, c) are one fetched span, hence <= and >=.
    private const string TouchingWhere = """
        WHERE symbol = @symbol AND interval = @interval AND from_ms <= @to AND to_ms >= @from
        """;

    private const string FindCoverageSql = "SELECT from_ms, to_ms FROM coverage " + TouchingWhere;

    private const string DeleteCoverageSql = "DELETE FROM coverage " + TouchingWhere;

    private const string InsertCoverageSql = """
        INSERT INTO coverage (symbol, interval, from_ms, to_ms)
        VALUES (@symbol, @interval, @from, @to)
        """;

    private readonly SqliteBarUpsert _bars;
    private readonly SqliteCommand _findCoverage;
    private readonly SqliteCommand _deleteCoverage;
    private readonly SqliteCommand _insertCoverage;

    public SqliteBatchWriter(SqliteTransaction transaction)
    {
        (string, SqliteType)[] range =
        [
            ("@symbol", SqliteType.Text), ("@interval", SqliteType.Text),
            ("@from", SqliteType.Integer), ("@to", SqliteType.Integer),
        ];
        _findCoverage = Prepare(transaction, FindCoverageSql, range);
        _deleteCoverage = Prepare(transaction, DeleteCoverageSql, range);
        _insertCoverage = Prepare(transaction, InsertCoverageSql, range);

        // Last: the commands above are the connection's to clean up if one fails to prepare,
        // the bar statements are not.
        _bars = new SqliteBarUpsert(transaction.Connection!);
    }

    public async Task WriteAsync(CandleWrite write, CancellationToken cancellationToken)
    {
        var symbol = write.Symbol.Value;
        var interval = write.Interval.Name;

        // Synchronous: SQLite has no async API, and a Task per row cost more than the insert.
        _bars.Write(symbol, interval, write.Bars);

        cancellationToken.ThrowIfCancellationRequested();

        await MergeCoverageAsync(symbol, interval, write.Covered, cancellationToken);
    }

    public void Dispose()
    {
        _bars.Dispose();
        _findCoverage.Dispose();
        _deleteCoverage.Dispose();
        _insertCoverage.Dispose();
    }

    /// <summary>
    /// Replaces every row the range overlaps or touches with one row spanning them all. The
    /// write lock is already held, so the rows read here are exactly the rows replaced.
    /// </summary>
    private async Task MergeCoverageAsync(
        string symbol, string interval, TimeRange covered, CancellationToken cancellationToken)
    {
        // An empty range was not a fetch of anything; bars in its write are still stored.
        if (covered.IsEmpty)
            return;

        var from = RowMapping.ToMs(covered.From);
        var to = RowMapping.ToMs(covered.To);
        Bind(_findCoverage, symbol, interval, from, to);

        var mergedFrom = from;
        var mergedTo = to;
        var found = 0;
        var alreadyCovered = false;
        await using (var reader = await _findCoverage.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var rowFrom = reader.GetInt64(0);
                var rowTo = reader.GetInt64(1);
                alreadyCovered = rowFrom <= from && rowTo >= to;
                mergedFrom = Math.Min(mergedFrom, rowFrom);
                mergedTo = Math.Max(mergedTo, rowTo);
                found++;
            }
        }

        // A re-fetch inside one known span changes nothing.
        if (found == 1 && alreadyCovered)
            return;

        if (found > 0)
        {
            Bind(_deleteCoverage, symbol, interval, from, to);
            await _deleteCoverage.ExecuteNonQueryAsync(cancellationToken);
        }

        Bind(_insertCoverage, symbol, interval, mergedFrom, mergedTo);
        await _insertCoverage.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Prepare(
        SqliteTransaction transaction, string sql, params (string Name, SqliteType Type)[] ps)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in ps)
            command.Parameters.Add(name, type);

        command.Prepare();
        return command;
    }

    // Values go in the order the parameters were declared in Prepare.
    private static void Bind(SqliteCommand command, params ReadOnlySpan<object> values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
    }
}
