using Akka.Collector.Store.Tests.Support;

namespace Akka.Collector.Store.Tests.Contract;

/// <summary>The store contract on a SQLite file of its own per test.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    protected override Task<IStoreDatabase> NewDatabaseAsync() =>
        Task.FromResult<IStoreDatabase>(new TempDatabase());
}
