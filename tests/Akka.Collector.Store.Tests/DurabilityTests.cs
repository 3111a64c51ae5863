using Akka.Collector.Store.Sqlite;
using Akka.Collector.Store.Tests.Support;

namespace Akka.Collector.Store.Tests;

/// <summary>
/// The store's connections sync commits as <see cref="SqliteDurability"/> says: SQLite's
/// <c>synchronous</c> is 1 (NORMAL) or 2 (FULL) on every connection the store writes with,
/// in WAL mode either way, and writes read back the same.
/// </summary>
public sealed class DurabilityTests
{
    [Theory]
    [InlineData(SqliteDurability.Normal, 1L)]
    [InlineData(SqliteDurability.Full, 2L)]
    public async Task Every_store_connection_syncs_as_configured(
        SqliteDurability durability, long synchronous)
    {
        // arrange
        using var db = new TempDatabase();
        var connector = new SqliteConnector(db.ConnectionString, durability);

        // act
        await using var connection = await connector.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        var applied = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = "PRAGMA journal_mode";
        var journal = (string)(await command.ExecuteScalarAsync())!;

        // assert
        Assert.Equal(synchronous, applied);
        Assert.Equal("wal", journal);
    }

    [Fact]
    public async Task The_default_is_normal()
    {
        using var db = new TempDatabase();

        await using var connection =
            await new SqliteConnector(db.ConnectionString).OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";

        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }
}
