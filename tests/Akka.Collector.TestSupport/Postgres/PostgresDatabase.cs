using System.Globalization;
using System.Text;
using Npgsql;

namespace Akka.Collector.TestSupport.Postgres;

/// <summary>
/// One empty database on the <see cref="ThrowawayPostgres"/> server, owned by one test class
/// (or one test). Disposing drops it.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly ThrowawayPostgres _server;

    internal PostgresDatabase(ThrowawayPostgres server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name, lower case, unique on the server.</summary>
    public string Name { get; }

    /// <summary>Npgsql connection string for this database, as superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>A single value from a query, for checks past the code under test.</summary>
    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture)!;
    }

    /// <summary>A statement, for rigging rows past the code under test.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled idle connections would hold the database open; FORCE ends any others.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand(
            $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    // Letters and digits of the hint, lower case, plus 12 hex digits: at most 63 bytes, the
    // longest name PostgreSQL keeps whole.
    internal static string NewName(string hint)
    {
        var name = new StringBuilder();
        foreach (var c in hint.ToLowerInvariant())
        {
            if (name.Length == 40)
                break;
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
                name.Append(c);
        }

        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
            name.Insert(0, 't');

        return $"{name}_{Guid.NewGuid():N}"[..Math.Min(name.Length + 13, 63)];
    }
}
