using Akka.Collector.Store.Sqlite;
using Akka.Collector.Store.Tests.Support;

namespace Akka.Collector.Store.Tests;

/// <summary>
/// The store's connections sync commits as <see cref="SqliteDurability"/> says: SQLite's
/// <c>synchronous</c> is 1 (NORMAL, the default) or 2 (FULL) on every connection the store
/// writes with, in WAL mode either way.
/// </summary>
public sealed class DurabilityTests
{
    [Theory]
    [InlineData(SqliteDurability.Normal, 1L)]
    [InlineData(SqliteDurability.Full, 2L)]
    public async Task Every_store_connection_syncs_as_configured(
        SqliteDurability durability, long synchronous)
    {
        using var db = new TempDatabase();

        var connector = new SqliteConnector(db.ConnectionString, durability);

        Assert.Equal(synchronous, await StorePragmas.ReadAsync(connector, "synchronous"));
        Assert.Equal("wal", await StorePragmas.ReadAsync(connector, "journal_mode"));
    }

    [Fact]
    public async Task The_default_is_normal()
    {
        using var db = new TempDatabase();

        var connector = new SqliteConnector(db.ConnectionString);

        Assert.Equal(1L, await StorePragmas.ReadAsync(connector, "synchronous"));
    }
}
