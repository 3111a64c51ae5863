using Akka.Collector.Store.Sqlite;

namespace Akka.Collector.Store.Tests.Support;

/// <summary>What a store connection's pragmas say, read on a connection as the store opens
/// it.</summary>
internal static class StorePragmas
{
    public static async Task<object> ReadAsync(SqliteConnector connector, string pragma)
    {
        await using var connection = await connector.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return (await command.ExecuteScalarAsync())!;
    }
}
