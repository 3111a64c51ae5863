using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Vendors.Polygon;

/// <summary>
/// Turns the rows of every page for one symbol into our candles, one rule at a time, each
/// drop counted in <see cref="PolygonRepairs"/>. Per row, in reply order:
/// <list type="number">
/// <item>Key. Intraday: t is the bar start. Daily: t must be midnight New York (else off the
/// grid); the bar is re-keyed to the open of that date's session (no session that date:
/// outside session), its OHLCV kept as sent.</item>
/// <item>A start outside the requested range: dropped (out of range).</item>
/// <item>Intraday, a start outside regular hours: dropped (outside session: Polygon sends
/// extended hours). A start that is not a slot start of our grid: dropped (off grid).</item>
/// <item>A slot that has not closed on the clock: dropped (forming), never stored half-made.</item>
/// <item>Volume rounded to whole shares, halves away from zero (Polygon's adjusted volumes
/// may carry fractions; our candles count shares).</item>
/// <item>High below low, open or close outside high..low, negative volume: dropped.</item>
/// <item>A start already kept: an identical bar is collapsed into it; a different one
/// replaces it (the later in the reply wins, as <c>BarShaper</c> rules). Both counted.</item>
/// </list>
/// Pages are read in order, so "later" runs across pages too.
/// </summary>
internal sealed class PolygonBarKeeper(
    BarInterval interval, TimeRange range, BarGrid grid, Instant now)
{
    // Any t outside these years is out of every range we ask; checked before the time zone
    // arithmetic, which has limits of its own.
    private static readonly long MinMs = Ms(1900);
    private static readonly long MaxMs = Ms(2200);

    private readonly Dictionary<Instant, Candle> _kept = [];

    public IReadOnlyList<Candle> Bars => [.. _kept.Values.OrderBy(c => c.Start)];

    public PolygonRepairs Add(IReadOnlyList<PolygonAgg> rows)
    {
        var repairs = new PolygonRepairs();
        foreach (var row in rows)
        {
            if (StartOf(row.T, repairs) is not { } start)
                continue;

            var volume = decimal.Round(row.Volume, 0, MidpointRounding.AwayFromZero);
            if (volume != row.Volume)
                repairs.RoundedVolumes++;
            if (volume is < long.MinValue or > long.MaxValue)
            {
                repairs.Inconsistent++;
                continue;
            }

            var bar = new Candle(start, row.Open, row.High, row.Low, row.Close, (long)volume);
            if (bar.Inconsistency() is not null)
            {
                repairs.Inconsistent++;
                continue;
            }

            if (_kept.TryGetValue(start, out var seen))
            {
                if (seen == bar)
                    repairs.IdenticalDuplicates++;
                else
                    repairs.ConflictingDuplicates++;
            }

            _kept[start] = bar;
        }

        return repairs;
    }

    // Where the row goes on our grid; null (and counted) when it goes nowhere.
    private Instant? StartOf(long ms, PolygonRepairs repairs)
    {
        if (ms < MinMs || ms > MaxMs)
        {
            repairs.OutOfRange++;
            return null;
        }

        var t = Instant.FromUnixTimeMilliseconds(ms);
        return interval.IsDaily ? DailyStart(t, repairs) : IntradayStart(t, repairs);
    }

    private Instant? IntradayStart(Instant t, PolygonRepairs repairs)
    {
        // The range lies inside the calendar (checked before the request), so every lookup
        // below is covered.
        if (!range.Contains(t))
        {
            repairs.OutOfRange++;
            return null;
        }

        var slot = grid.SlotContaining(t, interval);
        if (slot is null)
        {
            repairs.OutsideSession++;
            return null;
        }

        if (slot.Value.Start != t)
        {
            repairs.OffGrid++;
            return null;
        }

        if (slot.Value.End > now)
        {
            repairs.Forming++;
            return null;
        }

        return t;
    }

    private Instant? DailyStart(Instant t, PolygonRepairs repairs)
    {
        var calendar = grid.Calendar;
        var local = t.InZone(calendar.Zone);
        if (local.TimeOfDay != LocalTime.Midnight)
        {
            repairs.OffGrid++;
            return null;
        }

        var date = local.Date;
        var last = range.IsEmpty ? range.To : range.To - Duration.Epsilon;
        if (date < calendar.DateOf(range.From) || date > calendar.DateOf(last))
        {
            repairs.OutOfRange++;
            return null;
        }

        var session = calendar.SessionOn(date);
        if (session is null)
        {
            repairs.OutsideSession++;
            return null;
        }

        if (!range.Contains(session.Open))
        {
            repairs.OutOfRange++;
            return null;
        }

        if (session.Close > now)
        {
            repairs.Forming++;
            return null;
        }

        return session.Open;
    }

    private static long Ms(int year) => Instant.FromUtc(year, 1, 1, 0, 0).ToUnixTimeMilliseconds();
}
