using LinqToDB.Mapping;

namespace Akka.Collector.Store;

/// <summary>
/// One row of the candles table, keyed by (symbol, interval, start_ms). Prices are stored as
/// double; <see cref="RowMapping"/> says why that is safe for recorded prices.
/// </summary>
[Table("candles")]
internal sealed class CandleRow
{
    [Column("symbol"), PrimaryKey(0), NotNull]
    public string Symbol { get; set; } = string.Empty;

    [Column("interval"), PrimaryKey(1), NotNull]
    public string Interval { get; set; } = string.Empty;

    [Column("start_ms"), PrimaryKey(2)]
    public long StartMs { get; set; }

    [Column("open")]
    public double Open { get; set; }

    [Column("high")]
    public double High { get; set; }

    [Column("low")]
    public double Low { get; set; }

    [Column("close")]
    public double Close { get; set; }

    [Column("volume")]
    public long Volume { get; set; }
}
