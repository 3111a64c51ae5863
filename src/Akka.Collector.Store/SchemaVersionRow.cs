using LinqToDB.Mapping;

namespace Akka.Collector.Store;

/// <summary>One applied schema migration: its number and when it ran.</summary>
[Table("schema_version")]
internal sealed class SchemaVersionRow
{
    [Column("version"), PrimaryKey]
    public int Version { get; set; }

    [Column("applied_ms")]
    public long AppliedMs { get; set; }
}
