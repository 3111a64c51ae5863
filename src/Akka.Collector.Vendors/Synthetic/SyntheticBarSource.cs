using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Minutes;

namespace Akka.Collector.Vendors.Synthetic;

/// <summary>
/// The embedded default vendor: any number of symbols, no key, no files, no network. Each
/// symbol has one minute series that is a pure function of (symbol, minute), so a refetch or
/// another node gives identical bars; wider bars are rolled up from those minutes. Only bars
/// of regular sessions that have closed on the market clock are served.
/// </summary>
public sealed class SyntheticBarSource : IBarSource
{
    public const int DefaultMaxSymbolsPerRequest = 200;

    private readonly MinuteBarServer _server;

    public SyntheticBarSource(
        TimeProvider clock,
        BarGrid grid,
        int maxSymbolsPerRequest = DefaultMaxSymbolsPerRequest)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSymbolsPerRequest, 1);

        Limits = new BarSourceLimits(maxSymbolsPerRequest, BarInterval.All.ToHashSet());
        _server = new MinuteBarServer(Name, Limits, clock, grid, new SyntheticMinutes());
    }

    public string Name => "synthetic";

    public BarSourceLimits Limits { get; }

    // The work is CPU-bound; running it off the caller's thread keeps an actor's mailbox free.
    public Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancellationToken) =>
        Task.Run(() => _server.Serve(request, cancellationToken), cancellationToken);
}
