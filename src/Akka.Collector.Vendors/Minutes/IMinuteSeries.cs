using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Symbols;
using NodaTime;

namespace Akka.Collector.Vendors.Minutes;

/// <summary>
/// Where a minute-based vendor keeps its one true series: start-labelled 1m bars of one symbol
/// inside one regular session. Every wider bar the vendor serves is rolled up from these.
/// </summary>
internal interface IMinuteSeries
{
    /// <summary>
    /// Appends the symbol's minutes starting in [from, to) of the session, oldest first;
    /// nothing when no minute traded there or the symbol is unknown.
    /// </summary>
    void AddMinutes(Symbol symbol, TradingSession session, Instant from, Instant to,
        List<Candle> into);
}
