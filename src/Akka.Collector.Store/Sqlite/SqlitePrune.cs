using Microsoft.Data.Sqlite;

namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// Retention inside the caller's write transaction: runs <see cref="PruneStatements"/> one
/// command after another, as SQLite has no batches.
/// </summary>
internal static class SqlitePrune
{
    /// <returns>The bars deleted.</returns>
    public static async Task<long> RunAsync(
        SqliteTransaction transaction, string interval, long before,
        CancellationToken cancellationToken)
    {
        var affected = new List<long>();
        foreach (var sql in PruneStatements.InOrder)
            affected.Add(await ExecuteAsync(transaction, sql, interval, before, cancellationToken));

        return affected[PruneStatements.BarsDeleted];
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
