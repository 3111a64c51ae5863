namespace Akka.Collector.Store.Tests.Contract;

/// <summary>
/// An empty database of one engine, owned by one test: the contract runs the same cases
/// through it on SQLite and on PostgreSQL. The SQL given to the helpers is plain enough
/// for both (the tables and columns have the same names).
/// </summary>
public interface IStoreDatabase : IAsyncDisposable
{
    /// <summary>A new store on this database with its schema created, as a node start
    /// does.</summary>
    Task<ICandleStore> OpenStoreAsync();

    /// <summary>A single number from a query past the store, for checks.</summary>
    Task<long> ScalarAsync(string sql);

    /// <summary>A statement past the store, for rigging rows.</summary>
    Task ExecuteAsync(string sql);
}
