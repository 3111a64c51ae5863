namespace Akka.Collector.Store.Tests.Contract;

/// <summary>
/// What every <see cref="ICandleStore"/> promises, run against each engine by a concrete
/// subclass (<c>SqliteStoreContractTests</c>, <c>PostgresStoreContractTests</c>). Each test
/// gets an empty database of its own.
/// </summary>
public abstract partial class StoreContractTests
{
    protected static readonly CancellationToken None = CancellationToken.None;

    /// <summary>An empty database for one test; the test disposes it.</summary>
    protected abstract Task<IStoreDatabase> NewDatabaseAsync();
}
