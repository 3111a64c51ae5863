using Microsoft.Data.Sqlite;

namespace Akka.Collector.Actors.Tests.Support;

/// <summary>A SQLite file in a folder of its own, deleted with its WAL files afterwards.</summary>
public sealed class TempSqliteFile : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "collector-tests", Guid.NewGuid().ToString("N"));

    public TempSqliteFile()
    {
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, "collector.db");
    }

    public string Path { get; }

    /// <summary>Built as CollectorServices.SqliteConnectionString builds the node's.</summary>
    public string ConnectionString => $"Data Source={Path};Default Timeout=30;Pooling=True";

    /// <summary>The file's journal mode as SQLite reports it ("wal", "delete", ...).</summary>
    public async Task<string> JournalModeAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; let go of them before deleting it.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failing cleanup must not fail the test.
        }
    }
}
