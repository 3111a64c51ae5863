using Npgsql;

namespace Akka.Collector.Store.Postgres;

/// <summary>
/// Retention inside the caller's write transaction: one interval's bars before a cut-off go,
/// and its covered ranges are cut there. The same statements as on SQLite, in one round trip.
/// </summary>
internal static class PostgresPrune
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
        NpgsqlConnection connection, string interval, long before,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in new[] { DeleteBarsSql, DeleteCoverageSql, ClipCoverageSql })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue("interval", interval);
            command.Parameters.AddWithValue("before", before);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return batch.BatchCommands[0].RecordsAffected;
    }
}
