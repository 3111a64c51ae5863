using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Symbols;
using NodaTime;

namespace Akka.Collector.Vendors.Minutes;

/// <summary>
/// Answers a <see cref="BarRequest"/> from a minute series the way a vendor builds its own
/// timeframes: pick the grid slots that start in the range and have closed on the clock,
/// take the minutes under them and roll them up with <see cref="CandleAggregator"/>.
/// </summary>
internal sealed class MinuteBarServer(
    string vendor,
    BarSourceLimits limits,
    TimeProvider clock,
    BarGrid grid,
    IMinuteSeries series)
{
    public BarBatch Serve(BarRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request);

        // A bar that starts at or after now cannot have closed, so the clock bounds the range.
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var from = request.Range.From;
        var until = request.Range.To < now ? request.Range.To : now;
        if (until <= from || request.Symbols.Count == 0)
            return BarBatch.Empty;

        var symbols = request.Symbols.Distinct().ToArray();
        var bars = symbols.ToDictionary(s => s, _ => new List<Candle>());
        var minutes = new List<Candle>(400);
        foreach (var session in SessionsOf(from, until))
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Slots of one session that qualify are contiguous, so their minutes are one span.
            var slots = grid.SlotsOf(session, request.Interval)
                .Where(s => s.Start >= from && s.Start < request.Range.To && s.End <= now)
                .ToArray();
            if (slots.Length == 0)
                continue;

            foreach (var symbol in symbols)
            {
                minutes.Clear();
                series.AddMinutes(symbol, session, slots[0].Start, slots[^1].End, minutes);
                if (minutes.Count == 0)
                    continue;

                if (request.Interval.IsDaily)
                    bars[symbol].Add(SessionBar(minutes, session.Open));
                else
                    bars[symbol].AddRange(
                        CandleAggregator.Aggregate(minutes, request.Interval, grid));
            }
        }

        // A symbol with nothing in the range is absent, as a vendor leaves it out of its reply.
        var result = bars
            .Where(kv => kv.Value.Count > 0)
            .ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Candle>)kv.Value);
        return new BarBatch(result);
    }

    // The same rule as CandleAggregator (first open, highest high, lowest low, last close,
    // summed volume) for a whole session. The aggregator asks the calendar for the session of
    // every minute, which more than doubled the time years of daily bars take; here the slot
    // is known. Tests hold the two equal.
    private static Candle SessionBar(List<Candle> minutes, Instant open)
    {
        var high = minutes[0].High;
        var low = minutes[0].Low;
        var volume = 0L;
        foreach (var m in minutes)
        {
            high = Math.Max(high, m.High);
            low = Math.Min(low, m.Low);
            volume += m.Volume;
        }

        return new Candle(open, minutes[0].Open, high, low, minutes[^1].Close, volume);
    }

    private void Check(BarRequest request)
    {
        if (request.Symbols.Count > limits.MaxSymbolsPerRequest)
            throw Rejected($"{request.Symbols.Count} symbols in one request; " +
                           $"the limit is {limits.MaxSymbolsPerRequest}");

        if (!limits.Intervals.Contains(request.Interval))
            throw Rejected($"interval {request.Interval} is not served");
    }

    private IReadOnlyList<TradingSession> SessionsOf(Instant from, Instant until)
    {
        // Outside the calendar nothing is known to be open; saying "no bars" there would let
        // the collector record a gap as covered, so the request is refused instead.
        try
        {
            return grid.Calendar.SessionsOverlapping(from, until);
        }
        catch (CalendarOutOfRangeException e)
        {
            throw Rejected(e.Message, e);
        }
    }

    private BarSourceException Rejected(string why, Exception? inner = null) =>
        new(FailureKind.RequestRejected, $"{vendor}: {why}", inner);
}
