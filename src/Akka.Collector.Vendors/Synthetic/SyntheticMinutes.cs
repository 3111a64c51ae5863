using System.Collections.Concurrent;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors.Minutes;
using NodaTime;

namespace Akka.Collector.Vendors.Synthetic;

/// <summary>
/// Synthetic 1m bars. A minute's open sits at the price of its start boundary and its close
/// at the price of its end boundary, so each open follows the previous close; wicks, volume
/// and whether the minute traded at all are hashed from (symbol, minute).
/// </summary>
internal sealed class SyntheticMinutes : IMinuteSeries
{
    private const ulong OpenStream = 0x0BE4UL;
    private const ulong WickUpStream = 0x0117UL;
    private const ulong WickDownStream = 0x0D0FUL;
    private const ulong VolumeStream = 0x0B01UL;
    private const ulong TradeStream = 0x07EADUL;

    // Profiles are pure too; caching them only saves re-deriving the waves.
    private readonly ConcurrentDictionary<Symbol, SymbolProfile> _profiles = new();

    public void AddMinutes(Symbol symbol, TradingSession session, Instant from, Instant to,
        List<Candle> into)
    {
        var profile = _profiles.GetOrAdd(symbol, SymbolProfile.For);
        var openMinute = MinuteOf(session.Open);
        var closeMinute = MinuteOf(session.Close);
        var first = Math.Max(MinuteOf(from), openMinute);
        var end = Math.Min(MinuteOf(to), closeMinute);
        var sessionMinutes = (int)(closeMinute - openMinute);

        var path = new SyntheticPrice(profile);
        var price = path.At(first);
        for (var minute = first; minute < end; minute++)
        {
            // The end price is needed for the next minute's open even when this one is empty.
            var next = path.At(minute + 1);
            var index = (int)(minute - openMinute);
            if (Trades(profile, minute, index, sessionMinutes))
                into.Add(Bar(profile, minute, index, sessionMinutes, price, next));

            price = next;
        }
    }

    private static bool Trades(SymbolProfile profile, long minute, int index, int sessionMinutes)
    {
        // The opening and closing prints always happen, so every session has its 1d bar.
        if (index == 0 || index == sessionMinutes - 1)
            return true;

        var draw = StableHash.Unit(StableHash.Of(profile.Seed, minute, TradeStream));
        return draw >= profile.NoTradeRate;
    }

    private static Candle Bar(SymbolProfile profile, long minute, int index, int sessionMinutes,
        double startPrice, double endPrice)
    {
        var seed = profile.Seed;

        // The open may differ from the previous close by about a tick, as real prints do.
        var nudge = 1.0 + 0.0001 * StableHash.Signed(StableHash.Of(seed, minute, OpenStream));
        var open = Cents(startPrice * nudge);
        var close = Cents(endPrice);

        // Squared uniforms: most wicks are short, a few are long.
        var up = StableHash.Unit(StableHash.Of(seed, minute, WickUpStream));
        var down = StableHash.Unit(StableHash.Of(seed, minute, WickDownStream));
        var high = Math.Max(open, close) + Cents(startPrice * 0.0008 * up * up);
        var low = Math.Max(1, Math.Min(open, close) - Cents(startPrice * 0.0008 * down * down));

        return new Candle(
            Instant.FromUnixTimeSeconds(minute * 60),
            Dollars(open),
            Dollars(high),
            Dollars(low),
            Dollars(close),
            Volume(profile, minute, index, sessionMinutes));
    }

    private static long Volume(SymbolProfile profile, long minute, int index, int sessionMinutes)
    {
        // U-shaped: heavy at the open and into the close, quiet at midday.
        var position = sessionMinutes > 1 ? (double)index / (sessionMinutes - 1) : 0.0;
        var fromMiddle = 2.0 * position - 1.0;
        var shape = 0.5 + 2.5 * fromMiddle * fromMiddle;
        if (index == 0)
            shape *= 2.5;
        else if (index == sessionMinutes - 1)
            shape *= 2.0;

        var noise = 0.3 + 1.4 * StableHash.Unit(StableHash.Of(profile.Seed, minute, VolumeStream));
        return Math.Max(1L, (long)Math.Round(profile.MinuteVolume * shape * noise));
    }

    // Whole cents in integer arithmetic: exact, and far cheaper than decimal rounding.
    private static long Cents(double dollars) =>
        (long)Math.Round(dollars * 100.0, MidpointRounding.AwayFromZero);

    private static decimal Dollars(long cents) => new((int)cents, 0, 0, false, 2);

    private static long MinuteOf(Instant t) => t.ToUnixTimeSeconds() / 60;
}
