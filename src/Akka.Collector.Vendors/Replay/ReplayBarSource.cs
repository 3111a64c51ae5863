using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors.Minutes;
using NodaTime;

namespace Akka.Collector.Vendors.Replay;

/// <summary>
/// Plays recorded real minutes against the market clock. The last recording of each symbol
/// lands on the anchor session (the one in progress, or else the last closed, when the source
/// is built), earlier recordings on the sessions before it, and later sessions cycle through
/// the recordings again (see <see cref="ReplaySchedule"/>). Wider bars are rolled up from
/// the replayed minutes; only bars that have closed on the market clock are served,
/// and a symbol that was not recorded is absent from every reply.
/// </summary>
public sealed class ReplayBarSource : IBarSource, IKnowsSymbols
{
    public const int DefaultMaxSymbolsPerRequest = 100;

    private readonly MinuteBarServer _server;

    /// <exception cref="ArgumentException">
    /// A symbol recorded twice or with no sessions, or a bar off the minute grid.
    /// </exception>
    /// <exception cref="CalendarOutOfRangeException">The clock is past the calendar.</exception>
    public ReplayBarSource(
        IEnumerable<SymbolRecording> recordings,
        TimeProvider clock,
        BarGrid grid,
        int maxSymbolsPerRequest = DefaultMaxSymbolsPerRequest)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSymbolsPerRequest, 1);

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var schedule = new ReplaySchedule(grid.Calendar, grid.Calendar.CurrentOrLastSession(now));
        var minutes = new ReplayMinutes(recordings, schedule);

        Anchor = schedule.Anchor;
        Symbols = [.. minutes.Symbols.OrderBy(s => s.Value, StringComparer.Ordinal)];
        Limits = new BarSourceLimits(maxSymbolsPerRequest, BarInterval.All.ToHashSet());
        _server = new MinuteBarServer(Name, Limits, clock, grid, minutes);
    }

    public string Name => "replay";

    public BarSourceLimits Limits { get; }

    /// <summary>The session the last recording of every symbol plays on.</summary>
    public TradingSession Anchor { get; }

    /// <summary>The symbols this source has recordings for, in ordinal order.</summary>
    public IReadOnlyList<Symbol> Symbols { get; }

    public Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancellationToken) =>
        Task.Run(() => _server.Serve(request, cancellationToken), cancellationToken);
}
