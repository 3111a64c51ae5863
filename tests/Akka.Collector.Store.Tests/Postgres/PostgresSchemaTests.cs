using Akka.Collector.Store.Postgres;
using Akka.Collector.TestSupport.Postgres;

namespace Akka.Collector.Store.Tests.Postgres;

/// <summary>Explicit, versioned migrations of the PostgreSQL store.</summary>
public sealed class PostgresSchemaTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Should_report_version_zero_before_migrate_and_the_latest_after()
    {
        // arrange
        await using var db = await NewDatabaseAsync();
        var store = new PostgresCandleStore(db.ConnectionString);

        // act
        var before = await store.ReadSchemaVersionAsync(None);
        var first = await store.MigrateAsync(None);
        var second = await store.MigrateAsync(None);

        // assert
        Assert.Equal(0, before);
        Assert.Equal((0, store.LatestSchemaVersion), first);
        Assert.Equal((2, 2), second);
        Assert.Equal(2, await store.ReadSchemaVersionAsync(None));
        Assert.Equal(4, await db.ScalarAsync<long>("""
            SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'
            AND tablename IN ('candles', 'coverage', 'schema_version', 'store_meta')
            """));
    }

    [Fact]
    public async Task Should_apply_each_step_once_when_several_nodes_migrate_together()
    {
        // arrange
        await using var db = await NewDatabaseAsync();
        var stores = Enumerable.Range(0, 4)
            .Select(_ => new PostgresCandleStore(db.ConnectionString));

        // act
        await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(None))));

        // assert
        Assert.Equal(2, await db.ScalarAsync<long>("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task Should_refuse_a_database_migrated_by_a_newer_build()
    {
        // arrange
        await using var db = await NewDatabaseAsync();
        await new PostgresCandleStore(db.ConnectionString).MigrateAsync(None);
        await db.ExecuteAsync("INSERT INTO schema_version VALUES (99, 0)");

        // act
        var migrate = () => new PostgresCandleStore(db.ConnectionString).MigrateAsync(None);

        // assert
        var error = await Assert.ThrowsAsync<InvalidOperationException>(migrate);
        Assert.Contains("schema version 99", error.Message);
    }

    private static async Task<PostgresDatabase> NewDatabaseAsync() =>
        await (await ThrowawayPostgres.SharedAsync()).CreateDatabaseAsync("schema");
}
