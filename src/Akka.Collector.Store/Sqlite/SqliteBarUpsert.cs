using Akka.Collector.Domain.Candles;
using Microsoft.Data.Sqlite;

namespace Akka.Collector.Store.Sqlite;

/// <summary>
/// Upserts the bars of one write, inside the caller's write transaction. Only a changed bar
/// is rewritten, so re-fetching a range does not churn the WAL; the later of two bars with
/// one start wins, as statements run in the order of the bars.
/// </summary>
internal sealed class SqliteBarUpsert : IDisposable
{
    // Symbol and interval are ?1 and ?2 for every bar of a write; a bar's own values follow.
    private const int FirstBarParameter = 3;

    private const string Sql = """
        INSERT INTO candles (symbol, interval, start_ms, open, high, low, close, volume)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        ON CONFLICT (symbol, interval, start_ms) DO UPDATE SET
            open = excluded.open, high = excluded.high, low = excluded.low,
            close = excluded.close, volume = excluded.volume
        WHERE candles.open <> excluded.open OR candles.high <> excluded.high
           OR candles.low <> excluded.low OR candles.close <> excluded.close
           OR candles.volume <> excluded.volume
        """;

    private readonly SqliteStatement _one;

    public SqliteBarUpsert(SqliteConnection connection) =>
        _one = new SqliteStatement(connection, Sql);

    public void Write(string symbol, string interval, IReadOnlyList<Candle> bars)
    {
        _one.Bind(1, symbol);
        _one.Bind(2, interval);
        for (var i = 0; i < bars.Count; i++)
        {
            BindBar(_one, FirstBarParameter, bars[i]);
            _one.Execute();
        }
    }

    public void Dispose() => _one.Dispose();

    // The same double RowMapping stores everywhere else.
    private static void BindBar(SqliteStatement statement, int first, in Candle bar)
    {
        statement.Bind(first, RowMapping.ToMs(bar.Start));
        statement.Bind(first + 1, RowMapping.ToStored(bar.Open));
        statement.Bind(first + 2, RowMapping.ToStored(bar.High));
        statement.Bind(first + 3, RowMapping.ToStored(bar.Low));
        statement.Bind(first + 4, RowMapping.ToStored(bar.Close));
        statement.Bind(first + 5, bar.Volume);
    }
}
