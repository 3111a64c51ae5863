using LinqToDB.Mapping;

namespace Akka.Collector.Store;

/// <summary>
/// One covered range [from_ms, to_ms) of a symbol and interval. Writes keep the rows of one
/// symbol and interval disjoint and non-adjacent, so each row is a maximal fetched span.
/// </summary>
[Table("coverage")]
internal sealed class CoverageRow
{
    [Column("symbol"), PrimaryKey(0), NotNull]
    public string Symbol { get; set; } = string.Empty;

    [Column("interval"), PrimaryKey(1), NotNull]
    public string Interval { get; set; } = string.Empty;

    [Column("from_ms"), PrimaryKey(2)]
    public long FromMs { get; set; }

    [Column("to_ms")]
    public long ToMs { get; set; }
}
