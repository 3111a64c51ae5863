using Akka.Collector.Store.Sqlite;
using Akka.Collector.Store.Tests.Support;

namespace Akka.Collector.Store.Tests;

public sealed class SchemaTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Should_create_the_schema_once_however_often_it_is_initialised()
    {
        // arrange
        using var db = new TempDatabase();
        var store = new SqliteCandleStore(db.ConnectionString);

        // act
        await store.InitializeAsync(None);
        await store.InitializeAsync(None);
        await new SqliteCandleStore(db.ConnectionString).InitializeAsync(None);

        // assert
        Assert.Equal(2, db.Scalar("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(2, db.Scalar("SELECT MAX(version) FROM schema_version"));
        const string tables = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
            + "AND name IN ('candles', 'coverage', 'schema_version', 'store_meta')";
        Assert.Equal(4, db.Scalar(tables));
    }

    [Fact]
    public async Task Should_create_the_schema_once_when_several_nodes_start_together()
    {
        // arrange
        using var db = new TempDatabase();
        var stores = Enumerable.Range(0, 4).Select(_ => new SqliteCandleStore(db.ConnectionString));

        // act
        await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(None))));

        // assert
        Assert.Equal(2, db.Scalar("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task Should_put_the_file_in_wal_mode()
    {
        // arrange
        using var db = new TempDatabase();

        // act
        await db.OpenStoreAsync();

        // assert
        using var connection = db.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task Should_refuse_a_file_migrated_by_a_newer_build()
    {
        // arrange
        using var db = new TempDatabase();
        await db.OpenStoreAsync();
        db.Execute("INSERT INTO schema_version VALUES (99, 0)");

        // act
        var init = () => new SqliteCandleStore(db.ConnectionString).InitializeAsync(None);

        // assert
        var error = await Assert.ThrowsAsync<InvalidOperationException>(init);
        Assert.Contains("schema version 99", error.Message);
    }
}
