using Akka.Collector.TestSupport.Postgres;

namespace Akka.Collector.Store.Tests.Postgres;

/// <summary>The shared test server: PostgreSQL 15, one per process, databases apart.</summary>
public sealed class ThrowawayPostgresTests
{
    [Fact]
    public async Task Should_give_every_caller_the_same_server_of_version_15_on_loopback()
    {
        // act
        var first = await ThrowawayPostgres.SharedAsync();
        var second = await ThrowawayPostgres.SharedAsync();
        await using var db = await first.CreateDatabaseAsync("version");

        // assert
        Assert.Same(first, second);
        Assert.Contains("Host=127.0.0.1", first.ConnectionString);
        var version = await db.ScalarAsync<int>(
            "SELECT current_setting('server_version_num')::int");
        Assert.InRange(version, 150000, 159999);
    }

    [Fact]
    public async Task Should_keep_databases_apart_and_drop_one_on_dispose()
    {
        // arrange
        var server = await ThrowawayPostgres.SharedAsync();
        var a = await server.CreateDatabaseAsync("Apart A!");
        await using var b = await server.CreateDatabaseAsync("apart_b");
        await a.ExecuteAsync("CREATE TABLE t (x int); INSERT INTO t VALUES (1)");

        // act
        var inB = await b.ScalarAsync<long>(
            "SELECT count(*) FROM pg_tables WHERE tablename = 't'");
        await a.DisposeAsync();

        // assert
        Assert.StartsWith("aparta_", a.Name);
        Assert.Equal(0, inB);
        var left = await b.ScalarAsync<long>(
            $"SELECT count(*) FROM pg_database WHERE datname = '{a.Name}'");
        Assert.Equal(0, left);
    }
}
