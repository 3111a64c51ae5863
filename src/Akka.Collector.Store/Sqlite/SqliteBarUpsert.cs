using System.Globalization;
using Akka.Collector.Domain.Candles;
using Microsoft.Data.Sqlite;

namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// Upserts the bars of one write, inside the caller's write transaction. Only a changed bar
/// is rewritten, so re-fetching a range does not churn the WAL; the later of two bars with
/// one start wins, as SQLite takes the rows of a statement, and the statements, in order.
/// </summary>
/// <remarks>
/// Bars go <see cref="ChunkRows"/> to a statement, the rest of a write one by one: SQLite's
/// cost of starting and resetting a statement was as much as a row's insert (store bench:
/// half the CPU time gone at 25 rows or more a statement, no further gain at 200).
/// </remarks>
internal sealed class SqliteBarUpsert : IDisposable
{
    public const int ChunkRows = 64;

    // Symbol and interval are ?1 and ?2 for every bar of a statement; a bar's own follow.
    private const int SharedParameters = 2;
    private const int ParametersPerBar = 6;

    private static readonly string OneSql = UpsertSql(1);
    private static readonly string ChunkSql = UpsertSql(ChunkRows);

    private readonly SqliteConnection _connection;
    private readonly SqliteStatement _one;

    // Prepared when a write first has that many bars: a round of one bar per symbol never
    // does, and would pay for compiling a statement of 64 rows for nothing.
    private SqliteStatement? _chunk;

    public SqliteBarUpsert(SqliteConnection connection)
    {
        _connection = connection;
        _one = new SqliteStatement(connection, OneSql);
    }

    public void Write(string symbol, string interval, IReadOnlyList<Candle> bars)
    {
        var next = 0;
        if (bars.Count >= ChunkRows)
        {
            _chunk ??= new SqliteStatement(_connection, ChunkSql);
            _chunk.Bind(1, symbol);
            _chunk.Bind(2, interval);
            for (; bars.Count - next >= ChunkRows; next += ChunkRows)
            {
                for (var row = 0; row < ChunkRows; row++)
                    BindBar(_chunk, row, bars[next + row]);

                _chunk.Execute();
            }
        }

        if (next == bars.Count)
            return;

        _one.Bind(1, symbol);
        _one.Bind(2, interval);
        for (; next < bars.Count; next++)
        {
            BindBar(_one, 0, bars[next]);
            _one.Execute();
        }
    }

    public void Dispose()
    {
        _one.Dispose();
        _chunk?.Dispose();
    }

    // The same double RowMapping stores everywhere else.
    private static void BindBar(SqliteStatement statement, int row, in Candle bar)
    {
        var first = SharedParameters + 1 + row * ParametersPerBar;
        statement.Bind(first, RowMapping.ToMs(bar.Start));
        statement.Bind(first + 1, RowMapping.ToStored(bar.Open));
        statement.Bind(first + 2, RowMapping.ToStored(bar.High));
        statement.Bind(first + 3, RowMapping.ToStored(bar.Low));
        statement.Bind(first + 4, RowMapping.ToStored(bar.Close));
        statement.Bind(first + 5, bar.Volume);
    }

    private static string UpsertSql(int rows)
    {
        var values = string.Join(",\n    ", Enumerable.Range(0, rows).Select(ValuesRow));
        return $"""
            INSERT INTO candles (symbol, interval, start_ms, open, high, low, close, volume)
            VALUES {values}
            ON CONFLICT (symbol, interval, start_ms) DO UPDATE SET
                open = excluded.open, high = excluded.high, low = excluded.low,
                close = excluded.close, volume = excluded.volume
            WHERE candles.open <> excluded.open OR candles.high <> excluded.high
               OR candles.low <> excluded.low OR candles.close <> excluded.close
               OR candles.volume <> excluded.volume
            """;
    }

    // (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) for row 0, (?1, ?2, ?9, ..., ?14) for row 1, ...
    private static string ValuesRow(int row)
    {
        var first = SharedParameters + 1 + row * ParametersPerBar;
        var own = Enumerable.Range(first, ParametersPerBar)
            .Select(p => "?" + p.ToString(CultureInfo.InvariantCulture));
        return $"(?1, ?2, {string.Join(", ", own)})";
    }
}
