using Akka.Collector.Store.Postgres;
using Akka.Collector.TestSupport.Postgres;

namespace Akka.Collector.Store.Tests.Contract;

/// <summary>
/// The store contract on the test process's throwaway PostgreSQL 15, an empty database of its
/// own per test. PostgreSQL that cannot start fails these tests with the script's output.
/// </summary>
public sealed class PostgresStoreContractTests : StoreContractTests
{
    protected override async Task<IStoreDatabase> NewDatabaseAsync()
    {
        var server = await ThrowawayPostgres.SharedAsync();
        return new PostgresStoreDatabase(await server.CreateDatabaseAsync("store"));
    }

    private sealed class PostgresStoreDatabase(PostgresDatabase db) : IStoreDatabase
    {
        public async Task<ICandleStore> OpenStoreAsync()
        {
            var store = new PostgresCandleStore(db.ConnectionString);
            await store.InitializeAsync(CancellationToken.None);
            return store;
        }

        public Task<long> ScalarAsync(string sql) => db.ScalarAsync<long>(sql);

        public Task ExecuteAsync(string sql) => db.ExecuteAsync(sql);

        public ValueTask DisposeAsync() => db.DisposeAsync();
    }
}
