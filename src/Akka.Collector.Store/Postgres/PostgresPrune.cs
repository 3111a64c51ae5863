using Npgsql;

namespace Akka.Collector.Store.Postgres;

/// <summary>
/// Retention inside the caller's write transaction: runs <see cref="PruneStatements"/> as
/// one batch, so one round trip.
/// </summary>
internal static class PostgresPrune
{
    /// <returns>The bars deleted.</returns>
    public static async Task<long> RunAsync(
        NpgsqlConnection connection, string interval, long before,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in PruneStatements.InOrder)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddWithValue("interval", interval);
            command.Parameters.AddWithValue("before", before);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return batch.BatchCommands[PruneStatements.BarsDeleted].RecordsAffected;
    }
}
