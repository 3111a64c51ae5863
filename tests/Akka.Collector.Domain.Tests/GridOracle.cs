using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

/// <summary>
/// A slow, obvious answer to "which bar closed last / closes next": list every bar of the
/// sessions around t with <see cref="BarGrid.SlotsOf"/> and search their ends. The grid's fast
/// arithmetic must agree with it at every instant.
/// </summary>
internal sealed class GridOracle
{
    private readonly BarSlot[] _slots;
    private readonly Instant[] _ends;

    public GridOracle(BarGrid grid, Instant from, Instant to, BarInterval interval)
    {
        _slots = grid.Calendar.SessionsOverlapping(from, to)
            .SelectMany(s => grid.SlotsOf(s, interval))
            .ToArray();
        _ends = _slots.Select(s => s.End).ToArray();
    }

    public BarSlot LatestClosed(Instant t)
    {
        var i = Array.BinarySearch(_ends, t);
        return _slots[i >= 0 ? i : ~i - 1];
    }

    public Instant NextClose(Instant t)
    {
        var i = Array.BinarySearch(_ends, t);
        return _ends[i >= 0 ? i + 1 : ~i];
    }
}
