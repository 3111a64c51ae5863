namespace Akka.Collector.Vendors.Alpaca;

/// <summary>
/// What one fetch repaired in the vendor's replies, by rule (see <see cref="AlpacaCandles"/>),
/// with the vendor's request ids of the replies concerned so an operator can quote them.
/// </summary>
public sealed record ReplyIssues
{
    public static readonly ReplyIssues None = new();

    /// <summary>Bars for a symbol the request did not name (dropped).</summary>
    public int UnrequestedSymbols { get; init; }

    /// <summary>Bars starting outside the range asked of the vendor (dropped).</summary>
    public int OutsideRange { get; init; }

    /// <summary>Bars whose start is not a slot start of our grid (dropped).</summary>
    public int OffGrid { get; init; }

    /// <summary>Bars with high below low, open or close outside them, or negative volume.</summary>
    public int Inconsistent { get; init; }

    /// <summary>Exact repeats of a bar already received (dropped).</summary>
    public int IdenticalDuplicates { get; init; }

    /// <summary>A second, different bar for one start: the later replaced the earlier.</summary>
    public int ConflictingDuplicates { get; init; }

    /// <summary>
    /// Intraday bars of extended hours, dropped because sessions are regular-only. Expected
    /// from Alpaca for ranges spanning a night, so not a repair.
    /// </summary>
    public int OutOfSession { get; init; }

    /// <summary>X-Request-ID of each reply that needed a repair, in arrival order.</summary>
    public IReadOnlyList<string> RequestIds { get; init; } = [];

    public int Repairs => UnrequestedSymbols + OutsideRange + OffGrid + Inconsistent
        + IdenticalDuplicates + ConflictingDuplicates;

    public bool IsClean => Repairs == 0;

    public override string ToString() =>
        $"{Repairs} repairs (unrequested {UnrequestedSymbols}, outside range {OutsideRange}, " +
        $"off grid {OffGrid}, inconsistent {Inconsistent}, " +
        $"identical duplicates {IdenticalDuplicates}, conflicting {ConflictingDuplicates}), " +
        $"{OutOfSession} out-of-session bars dropped; " +
        $"requests [{string.Join(", ", RequestIds)}]";
}
