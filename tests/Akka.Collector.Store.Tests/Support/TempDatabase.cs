using Akka.Collector.Store.Sqlite;
using Akka.Collector.Store.Tests.Contract;
using Microsoft.Data.Sqlite;

namespace Akka.Collector.Store.Tests.Support;

/// <summary>
/// A database file in a folder of its own under the temp directory; disposing deletes both.
/// </summary>
public sealed class TempDatabase : IStoreDatabase, IDisposable
{
    private readonly string _folder;

    public TempDatabase()
    {
        var name = "collector-store-" + Guid.NewGuid().ToString("N");
        _folder = Path.Combine(Path.GetTempPath(), name);
        Directory.CreateDirectory(_folder);
        FilePath = Path.Combine(_folder, "collector.db");
        ConnectionString = $"Data Source={FilePath}";
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>A new store on this file with its schema created, as a node start does.</summary>
    public async Task<SqliteCandleStore> OpenStoreAsync()
    {
        var store = new SqliteCandleStore(ConnectionString);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A plain connection past the store, for checks and for rigging rows.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public long Scalar(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public void Execute(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    async Task<ICandleStore> IStoreDatabase.OpenStoreAsync() => await OpenStoreAsync();

    Task<long> IStoreDatabase.ScalarAsync(string sql) => Task.FromResult(Scalar(sql));

    Task IStoreDatabase.ExecuteAsync(string sql)
    {
        Execute(sql);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; close them before the folder goes.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
