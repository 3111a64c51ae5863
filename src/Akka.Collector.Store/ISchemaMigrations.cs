namespace Akka.Collector.Store;

/// <summary>
/// A store's schema as explicit, numbered steps: run by the node's <c>migrate</c> command in
/// production, at start only with <c>collector.store.auto-migrate</c>.
/// </summary>
public interface ISchemaMigrations
{
    /// <summary>The schema version this build creates and understands.</summary>
    int LatestSchemaVersion { get; }

    /// <summary>The applied schema version; 0 for a database never migrated.</summary>
    Task<int> ReadSchemaVersionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies the steps the database lacks, atomically, and returns the version found and
    /// the version left. Several nodes may run it at once; each step runs once.
    /// </summary>
    Task<(int From, int To)> MigrateAsync(CancellationToken cancellationToken);
}
