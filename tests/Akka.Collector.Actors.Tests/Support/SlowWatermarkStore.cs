using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Support;

/// <summary>
/// A store with nothing stored whose first watermark read answers only when the test says
/// so: an entity that started on it is still loading (and stashing what it is asked) for as
/// long as the test needs, as on a busy database at start-up. Later reads answer at once.
/// Nothing else is read or written by the specs that use it.
/// </summary>
public sealed class SlowWatermarkStore : ICandleStore
{
    private readonly TaskCompletionSource _firstReadStarted =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reads;

    /// <summary>Completes when the first read has begun (and is being held).</summary>
    public Task FirstReadStarted => _firstReadStarted.Task;

    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Lets the first read answer.</summary>
    public void Release() => _release.TrySetResult();

    public async Task<IReadOnlyDictionary<BarInterval, Instant>> ReadWatermarksAsync(
        Symbol symbol, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _reads) == 1)
        {
            _firstReadStarted.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
        }

        return new Dictionary<BarInterval, Instant>();
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string> ClaimSourceAsync(string source, CancellationToken cancellationToken) =>
        throw Unused();

    public Task WriteAsync(
        IReadOnlyList<CandleWrite> writes, CancellationToken cancellationToken) =>
        throw Unused();

    public Task<IReadOnlyList<Candle>> ReadAsync(
        Symbol symbol, BarInterval interval, Instant from, Instant to, int limit,
        CancellationToken cancellationToken) => throw Unused();

    public Task<Candle?> ReadNewestAsync(
        Symbol symbol, BarInterval interval, CancellationToken cancellationToken) =>
        throw Unused();

    public Task<IReadOnlyList<TimeRange>> ReadCoverageAsync(
        Symbol symbol, BarInterval interval, CancellationToken cancellationToken) =>
        throw Unused();

    public Task<long> PruneAsync(
        BarInterval interval, Instant before, CancellationToken cancellationToken) =>
        throw Unused();

    private static NotSupportedException Unused() =>
        new("only watermarks are read from this store");
}
