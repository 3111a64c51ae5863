using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using NodaTime;

namespace Akka.Collector.Vendors.Alpaca;

/// <summary>
/// Turns Alpaca bars, page after page, into candles on our grid, appending per symbol (a
/// symbol may continue on the next page). Each bar meets these rules in order; the first
/// that applies decides, and every repair is counted in <see cref="ReplyIssues"/>:
/// <list type="number">
/// <item>A symbol the request did not name: dropped.</item>
/// <item>A stamp outside what was asked (<see cref="AlpacaWindow"/>): dropped. A daily
/// bar is judged by its date, so one stamped at no kind of midnight (rule 4) is off the grid
/// before its date is looked at.</item>
/// <item>Intraday, a start outside regular hours: dropped, counted as out-of-session only
/// (Alpaca sends extended hours; sessions here are regular-only).</item>
/// <item>Intraday, a start that is not a slot start of our grid: dropped. Daily, a stamp
/// that is not midnight ET (nor 04:00Z/05:00Z, midnight ET in summer/winter, taken as that
/// UTC date), or a date without a session: dropped. A daily bar that passes is re-keyed to
/// the session open of its date and otherwise kept as sent (its volume is the vendor's).</item>
/// <item>High below low, open or close outside them, or negative volume: dropped.</item>
/// <item>A start already received: an identical bar is dropped; a different one replaces
/// the earlier (the later bar in the reply wins, as the collector's own rule).</item>
/// </list>
/// Volume is rounded to whole shares, half away from zero: Alpaca may report fractional
/// shares, our candles hold whole ones, and a bar moves by at most half a share.
/// </summary>
internal sealed class AlpacaCandles
{
    private static readonly LocalTime EdtMidnight = new(4, 0);
    private static readonly LocalTime EstMidnight = new(5, 0);

    private readonly AlpacaWindow _window;
    private readonly BarGrid _grid;
    private readonly BarInterval _interval;
    private readonly Dictionary<string, Symbol> _requested;
    // Per symbol, in start order: Alpaca sends each symbol's bars in order, so a bar is
    // appended, and only a duplicate or a stray one is looked up.
    private readonly Dictionary<Symbol, List<Candle>> _kept = [];
    private readonly int[] _counts = new int[Enum.GetValues<Rule>().Length];
    private readonly List<string> _requestIds = [];

    // The reader hands out one string per symbol of a page, so its bars check it once.
    private string? _lastName;
    private Symbol? _lastSymbol;

    public AlpacaCandles(BarRequest request, AlpacaWindow window, BarGrid grid)
    {
        _window = window;
        _grid = grid;
        _interval = request.Interval;
        _requested = request.Symbols.Distinct().ToDictionary(s => s.Value, StringComparer.Ordinal);
    }

    private enum Rule
    {
        UnrequestedSymbol,
        OutsideRange,
        OutOfSession,
        OffGrid,
        Inconsistent,
        IdenticalDuplicate,
        ConflictingDuplicate,
    }

    public ReplyIssues Issues => new()
    {
        UnrequestedSymbols = _counts[(int)Rule.UnrequestedSymbol],
        OutsideRange = _counts[(int)Rule.OutsideRange],
        OutOfSession = _counts[(int)Rule.OutOfSession],
        OffGrid = _counts[(int)Rule.OffGrid],
        Inconsistent = _counts[(int)Rule.Inconsistent],
        IdenticalDuplicates = _counts[(int)Rule.IdenticalDuplicate],
        ConflictingDuplicates = _counts[(int)Rule.ConflictingDuplicate],
        RequestIds = [.. _requestIds],
    };

    public void Add(AlpacaPage page, string? requestId)
    {
        var repairsBefore = Issues.Repairs;
        foreach (var bar in page.Bars)
            Add(bar);

        if (Issues.Repairs > repairsBefore)
            _requestIds.Add(requestId ?? "(no request id)");
    }

    public BarBatch ToBatch() => new(_kept
        .Where(kv => kv.Value.Count > 0)
        .ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Candle>)kv.Value));

    private void Add(AlpacaBar bar)
    {
        if (RequestedSymbol(bar.Symbol) is not { } symbol)
        {
            Count(Rule.UnrequestedSymbol);
            return;
        }

        var start = _window.IsDaily ? DailyStart(bar.Start) : IntradayStart(bar.Start);
        if (start is null)
            return;

        if (ToCandle(bar, start.Value) is not { } candle || candle.Inconsistency() is not null)
        {
            Count(Rule.Inconsistent);
            return;
        }

        Keep(symbol, candle);
    }

    private Symbol? RequestedSymbol(string name)
    {
        if (!ReferenceEquals(name, _lastName))
        {
            _lastName = name;
            _lastSymbol = Symbol.TryParse(name, out var parsed, out _)
                          && _requested.TryGetValue(parsed.Value, out var requested)
                ? requested
                : null;
        }

        return _lastSymbol;
    }

    private Instant? IntradayStart(Instant stamp)
    {
        if (!_window.Holds(stamp))
            return Count(Rule.OutsideRange);

        // Inside the window, so inside the calendar: the session question cannot throw.
        var slot = _grid.SlotContaining(stamp, _interval);
        if (slot is null)
            return Count(Rule.OutOfSession);

        return slot.Value.Start == stamp ? stamp : Count(Rule.OffGrid);
    }

    private Instant? DailyStart(Instant stamp)
    {
        if (DailyDate(stamp) is not { } date)
            return Count(Rule.OffGrid);
        if (!_window.Holds(date))
            return Count(Rule.OutsideRange);

        return _grid.Calendar.SessionOn(date)?.Open ?? Count(Rule.OffGrid);
    }

    private LocalDate? DailyDate(Instant stamp)
    {
        var local = stamp.InZone(_grid.Calendar.Zone);
        if (local.TimeOfDay == LocalTime.Midnight)
            return local.Date;

        var utc = stamp.InUtc();
        return utc.TimeOfDay == EdtMidnight || utc.TimeOfDay == EstMidnight ? utc.Date : null;
    }

    private void Keep(Symbol symbol, Candle candle)
    {
        if (!_kept.TryGetValue(symbol, out var bars))
            _kept[symbol] = bars = [];

        if (bars.Count == 0 || bars[^1].Start < candle.Start)
        {
            bars.Add(candle);
            return;
        }

        var at = FindStart(bars, candle.Start);
        if (at < 0)
        {
            bars.Insert(~at, candle);
            return;
        }

        Count(bars[at] == candle ? Rule.IdenticalDuplicate : Rule.ConflictingDuplicate);
        bars[at] = candle;
    }

    // Index of the bar with this start, or the complement of where it would go.
    private static int FindStart(List<Candle> bars, Instant start)
    {
        var (low, high) = (0, bars.Count - 1);
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var at = bars[middle].Start;
            if (at == start)
                return middle;
            if (at < start)
                low = middle + 1;
            else
                high = middle - 1;
        }

        return ~low;
    }

    // Null, so a rule that drops a bar can count and answer in one expression.
    private Instant? Count(Rule rule)
    {
        _counts[(int)rule]++;
        return null;
    }

    private static Candle? ToCandle(AlpacaBar bar, Instant start)
    {
        var volume = Math.Round(bar.Volume, MidpointRounding.AwayFromZero);
        if (volume is > long.MaxValue or < long.MinValue)
            return null;

        return new Candle(start, bar.Open, bar.High, bar.Low, bar.Close, (long)volume);
    }
}
