using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// One prepared statement on SQLite's own API (SQLitePCLRaw, which Microsoft.Data.Sqlite runs
/// on), for the hot write path: a value is bound as it is, with no boxing, no parameter
/// lookup and no data reader per execution. It runs inside whatever transaction its
/// connection has open. Dispose finalizes it, before the connection goes back to the pool.
/// </summary>
/// <remarks>
/// Bindings stay set across executions, so a value shared by many rows is bound once.
/// Every return code is checked; a failure throws SQLite's message as a
/// <see cref="SqliteException"/>, and a failed execution leaves the statement reset.
/// No SQLITE_BUSY retry here, unlike Microsoft.Data.Sqlite: callers hold the write lock
/// (BEGIN IMMEDIATE) already, and a writer inside its transaction does not wait for readers.
/// </remarks>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle
            ?? throw new InvalidOperationException("the connection is not open");

        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            _statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public void Bind(int index, long value) =>
        Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, double value) =>
        Check(raw.sqlite3_bind_double(_statement, index, value));

    public void Bind(int index, string value) =>
        Check(raw.sqlite3_bind_text(_statement, index, value));

    /// <summary>Runs a statement that returns no rows, then resets it for the next.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc != raw.SQLITE_DONE)
            FailAndReset(rc);

        Check(raw.sqlite3_reset(_statement));
    }

    /// <summary>
    /// Steps a query: true with a row to read, false when done, the statement then reset
    /// for the next. A caller that stops reading early calls <see cref="Reset"/>.
    /// </summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
            return true;
        if (rc != raw.SQLITE_DONE)
            FailAndReset(rc);

        Check(raw.sqlite3_reset(_statement));
        return false;
    }

    /// <summary>A column of the row <see cref="Read"/> stands on.</summary>
    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public void Reset() => Check(raw.sqlite3_reset(_statement));

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            FailAndReset(rc);
    }

    // The message is read before the reset, which may replace it.
    private void FailAndReset(int rc)
    {
        try
        {
            SqliteException.ThrowExceptionForRC(rc, _db);

            // SQLITE_ROW is no error to SQLite, but a write that returns rows is a bug here.
            throw new InvalidOperationException($"SQLite returned {rc} where none was expected");
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }
}
