namespace Akka.Collector.Store;

/// <summary>
/// Retention as SQL that every engine runs alike, inside the caller's write transaction: one
/// interval's bars before a cut-off go, its covered ranges that end by then go, and the one
/// that spans the cut is clipped to start at it. Each store runs <see cref="InOrder"/> its
/// own way (SQLite a command each, PostgreSQL one batch), binding <c>@interval</c> (the
/// interval's name) and <c>@before</c> (the cut-off, epoch milliseconds).
/// </summary>
internal static class PruneStatements
{
    /// <summary>Where in <see cref="InOrder"/> the statement stands whose count of affected
    /// rows is the bars deleted.</summary>
    public const int BarsDeleted = 0;

    private const string DeleteBars =
        "DELETE FROM candles WHERE interval = @interval AND start_ms < @before";

    private const string DeleteCoverage =
        "DELETE FROM coverage WHERE interval = @interval AND to_ms <= @before";

    // Rows of one symbol and interval are disjoint, so at most one spans the cut and no row
    // can already start at it: moving from_ms (part of the key) meets no other row.
    private const string ClipCoverage = """
        UPDATE coverage SET from_ms = @before
        WHERE interval = @interval AND from_ms < @before AND to_ms > @before
        """;

    /// <summary>The statements, in the order they must run: a range is clipped only once
    /// those wholly before the cut are gone.</summary>
    public static IReadOnlyList<string> InOrder { get; } =
        [DeleteBars, DeleteCoverage, ClipCoverage];
}
