using NodaTime;

namespace Akka.Collector.Domain.Alignment;

/// <summary>
/// Where one bar sits on the session grid: [Start, End). End is earlier than Start + width
/// for the last bar of a session that closes off the grid (a 4h bar from 13:30 ends at 16:00).
/// </summary>
public readonly record struct BarSlot(Instant Start, Instant End, NodaTime.LocalDate TradingDate)
{
    public bool IsFinalAt(Instant now, Duration grace) => End + grace <= now;
}
