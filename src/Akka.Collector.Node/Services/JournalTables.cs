using System.Data.Common;
using Akka.Collector.Node.Composition;
using Akka.Collector.Node.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Akka.Collector.Node.Services;

/// <summary>
/// The Akka.Persistence.Sql tables a node needs on its store (default table mapping), and
/// which of them exist, so <c>migrate</c> can say what it created and a node can refuse to
/// start without them.
/// </summary>
public static class JournalTables
{
    public static readonly IReadOnlyList<string> Names = ["journal", "snapshot", "tags"];

    public static async Task<IReadOnlyList<string>> ListAsync(
        NodeSettings settings, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", Names.Select(n => $"'{n}'"));
        if (settings.Store.IsPostgres)
        {
            await using var pg = new NpgsqlConnection(settings.Store.PostgresConnection);
            await pg.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                + $"AND tablename IN ({names}) ORDER BY tablename", pg);
            return await ReadAsync(await command.ExecuteReaderAsync(cancellationToken));
        }

        await using var sqlite = new SqliteConnection(
            CollectorServices.SqliteConnectionString(settings));
        await sqlite.OpenAsync(cancellationToken);
        await using var list = sqlite.CreateCommand();
        list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' "
            + $"AND name IN ({names}) ORDER BY name";
        return await ReadAsync(await list.ExecuteReaderAsync(cancellationToken));
    }

    private static async Task<IReadOnlyList<string>> ReadAsync(DbDataReader reader)
    {
        await using (reader)
        {
            var tables = new List<string>();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
            return tables;
        }
    }
}
