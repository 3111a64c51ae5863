using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.Node.Services;
using Akka.Collector.TestSupport.Postgres;
using NodaTime;
using static Akka.Collector.EndToEnd.Tests.Gateway.ChartJson;

namespace Akka.Collector.EndToEnd.Tests.Store;

/// <summary>
/// A node on PostgreSQL, as in production: the database is migrated by the node's migrate
/// command, not at start; then the node collects into it and serves charts from it. The
/// server is the test process's throwaway PostgreSQL, a database of its own per test.
/// </summary>
public sealed class PostgresNodeTests
{
    private static readonly string[] Universe = ["AAPL", "MSFT"];

    private static readonly Instant Start = NoonNode.Noon + Duration.FromSeconds(40);

    [Fact]
    public async Task Node_refuses_an_unmigrated_database_naming_the_migrate_command()
    {
        // arrange
        await using var db = await NewDatabaseAsync("unmigrated");

        // act
        var start = () => TestNode.StartAsync(Start, Universe, hocon: StoreHocon(db));

        // assert: and nothing was created behind the operator's back
        var error = await Assert.ThrowsAsync<InvalidOperationException>(start);
        Assert.Contains("is not migrated", error.Message);
        Assert.Contains("-- migrate", error.Message);
        Assert.Equal(0, await db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    [Fact]
    public async Task Migrated_database_gets_the_nodes_candles_and_journal_and_serves_charts()
    {
        // arrange: the operator's step, through the command the node ships
        await using var db = await NewDatabaseAsync("collects");
        var said = await MigrateAsync(db);

        // act
        await using var node = await TestNode.StartAsync(Start, Universe, hocon: StoreHocon(db));
        await node.WaitForStartupRoundsAsync();
        var chart = await HttpJson.GetAsync(node.Http, "/api/v1/candles/AAPL?interval=5m");

        // assert: migrate said what it did; the chart comes out of PostgreSQL
        Assert.Contains("migrated from version 0 to 2", said);
        Assert.Contains("created journal, snapshot, tags", said);
        Assert.True(chart.Status == 200, chart.ToString());
        Assert.True(chart.Fresh());
        var newest = chart.Candles()[^1].GetProperty("t").GetInt64();
        Assert.Equal((NoonNode.Noon - Duration.FromMinutes(5)).ToUnixTimeMilliseconds(), newest);

        var stored = await db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM candles WHERE symbol = 'AAPL' AND interval = '5m'");
        var served = await node.Store.ReadAsync(Symbol.Parse("AAPL"), BarInterval.M5,
            Instant.MinValue, Instant.MaxValue, 100_000, CancellationToken.None);
        Assert.True(stored > 0);
        Assert.Equal(stored, served.Count);
        Assert.Equal("synthetic", await db.ScalarAsync<string>(
            "SELECT value FROM store_meta WHERE key = 'source'"));
        Assert.True(await db.ScalarAsync<long>("SELECT COUNT(*) FROM coverage") > 0);
    }

    private static async Task<PostgresDatabase> NewDatabaseAsync(string hint) =>
        await (await ThrowawayPostgres.SharedAsync()).CreateDatabaseAsync(hint);

    private static string StoreHocon(PostgresDatabase db) => $$"""
        collector.store {
          kind = postgres
          postgres.connection-string = "{{db.ConnectionString}}"
        }
        """;

    // migrate --config <file>, as an operator runs it, with the output it prints.
    private static async Task<string> MigrateAsync(PostgresDatabase db)
    {
        var file = Path.Combine(Path.GetTempPath(), $"collector-migrate-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(file, StoreHocon(db));
        try
        {
            using var output = new StringWriter();
            var code = await MigrateCommand.RunAsync(["migrate", "--config", file], output);
            Assert.Equal(0, code);
            return output.ToString();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
