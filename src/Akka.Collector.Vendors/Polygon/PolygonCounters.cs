namespace Akka.Collector.Vendors.Polygon;

/// <summary>
/// Running totals of what the Polygon client read, repaired and dropped since it was built,
/// for the status API, logs and tests. Safe to read while fetches run.
/// </summary>
public sealed class PolygonCounters
{
    private long _pages;
    private long _delayedPages;
    private long _malformedReplies;
    private long _identicalDuplicates;
    private long _conflictingDuplicates;
    private long _outOfRange;
    private long _offGrid;
    private long _outsideSession;
    private long _forming;
    private long _inconsistent;
    private long _roundedVolumes;

    /// <summary>Pages read and accepted (a first page and every next_url followed).</summary>
    public long Pages => Volatile.Read(ref _pages);

    /// <summary>Pages that said <c>"status":"DELAYED"</c>; their bars are kept.</summary>
    public long DelayedPages => Volatile.Read(ref _delayedPages);

    /// <summary>Replies refused whole: bad JSON, wrong types, another ticker, page loops.</summary>
    public long MalformedReplies => Volatile.Read(ref _malformedReplies);

    /// <summary>Exact repeats of a bar already read; one copy kept.</summary>
    public long IdenticalDuplicates => Volatile.Read(ref _identicalDuplicates);

    /// <summary>Different bars for one start; the later one in the reply kept.</summary>
    public long ConflictingDuplicates => Volatile.Read(ref _conflictingDuplicates);

    /// <summary>Bars whose start (on our grid) lies outside the requested range; dropped.</summary>
    public long OutOfRange => Volatile.Read(ref _outOfRange);

    /// <summary>Bars whose start is not a bar start of our grid; dropped.</summary>
    public long OffGrid => Volatile.Read(ref _offGrid);

    /// <summary>
    /// Bars outside regular sessions (extended hours, a day the market was shut); dropped.
    /// Polygon sends extended hours by design, so these are expected, not faults.
    /// </summary>
    public long OutsideSession => Volatile.Read(ref _outsideSession);

    /// <summary>Bars still in progress on the clock (their slot has not closed); dropped.</summary>
    public long Forming => Volatile.Read(ref _forming);

    /// <summary>Bars with high below low, open or close outside them, or negative volume.</summary>
    public long Inconsistent => Volatile.Read(ref _inconsistent);

    /// <summary>Bars read with a fractional volume, rounded to whole shares.</summary>
    public long RoundedVolumes => Volatile.Read(ref _roundedVolumes);

    internal void AddPage(bool delayed)
    {
        Interlocked.Increment(ref _pages);
        if (delayed)
            Interlocked.Increment(ref _delayedPages);
    }

    internal void AddMalformed() => Interlocked.Increment(ref _malformedReplies);

    internal void Add(PolygonRepairs page)
    {
        Interlocked.Add(ref _identicalDuplicates, page.IdenticalDuplicates);
        Interlocked.Add(ref _conflictingDuplicates, page.ConflictingDuplicates);
        Interlocked.Add(ref _outOfRange, page.OutOfRange);
        Interlocked.Add(ref _offGrid, page.OffGrid);
        Interlocked.Add(ref _outsideSession, page.OutsideSession);
        Interlocked.Add(ref _forming, page.Forming);
        Interlocked.Add(ref _inconsistent, page.Inconsistent);
        Interlocked.Add(ref _roundedVolumes, page.RoundedVolumes);
    }
}
