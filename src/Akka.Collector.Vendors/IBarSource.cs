using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors.Http;

namespace Akka.Collector.Vendors;

/// <summary>
/// The vendor boundary: bars for many symbols, one interval, one time range. Bars come back
/// labelled by their start on our session grid, with starts inside the requested range; a
/// symbol with no trades in the range is simply absent. Failures are thrown as
/// <see cref="BarSourceException"/> with a <see cref="FailureKind"/>.
/// </summary>
public interface IBarSource
{
    /// <summary>Short name for logs and the status API ("synthetic", "replay", "alpaca").</summary>
    string Name { get; }

    BarSourceLimits Limits { get; }

    Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancellationToken);
}

public sealed record BarRequest(
    IReadOnlyList<Symbol> Symbols, BarInterval Interval, TimeRange Range)
{
    /// <summary>
    /// The budget every HTTP request of this fetch draws from (pages and retries included);
    /// sources that make no requests ignore it. Default: unlimited.
    /// </summary>
    public IRequestPermits Permits { get; init; } = UnlimitedPermits.Instance;
}

/// <summary>Bars per symbol, each list ordered by start.</summary>
public sealed record BarBatch(IReadOnlyDictionary<Symbol, IReadOnlyList<Candle>> Bars)
{
    public static readonly BarBatch Empty = new(new Dictionary<Symbol, IReadOnlyList<Candle>>());

    public IReadOnlyList<Candle> For(Symbol symbol) =>
        Bars.TryGetValue(symbol, out var bars) ? bars : [];
}

/// <summary>What a vendor can take in one request.</summary>
/// <param name="MaxSymbolsPerRequest">Symbols one request may name.</param>
/// <param name="Intervals">Intervals the vendor serves on our session grid.</param>
public sealed record BarSourceLimits(int MaxSymbolsPerRequest, IReadOnlySet<BarInterval> Intervals);
