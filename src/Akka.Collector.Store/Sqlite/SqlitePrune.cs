using Microsoft.Data.Sqlite;

namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// Retention inside the caller's write transaction: one interval's bars before a cut-off go,
/// and its covered ranges are cut there.
/// </summary>
internal static class SqlitePrune
{
    private const string DeleteBarsSql =
        "DELETE FROM candles WHERE interval = @interval AND start_ms < @before";

    private const string DeleteCoverageSql =
        "DELETE FROM coverage WHERE interval = @interval AND to_ms <= @before";

    // Rows of one symbol and interval are disjoint, so at most one spans the cut and no row
    // can already start at it: moving from_ms (part of the key) meets no other row.
    private const string ClipCoverageSql = """
        UPDATE coverage SET from_ms = @before
        WHERE interval = @interval AND from_ms < @before AND to_ms > @before
        """;

    public static async Task<long> RunAsync(
        SqliteTransaction transaction, string interval, long before,
        CancellationToken cancellationToken)
    {
        var deleted = await ExecuteAsync(
            transaction, DeleteBarsSql, interval, before, cancellationToken);

        await ExecuteAsync(transaction, DeleteCoverageSql, interval, before, cancellationToken);
        await ExecuteAsync(transaction, ClipCoverageSql, interval, before, cancellationToken);
        return deleted;
    }

    private static async Task<long> ExecuteAsync(
        SqliteTransaction transaction, string sql, string interval, long before,
        CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@interval", interval);
        command.Parameters.AddWithValue("@before", before);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
