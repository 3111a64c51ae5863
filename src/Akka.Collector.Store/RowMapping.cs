using Akka.Collector.Domain.Candles;
using NodaTime;

namespace Akka.Collector.Store;

/// <summary>
/// Conversions between domain values and stored columns. Times are Unix milliseconds, so
/// every SQL engine compares and orders them as plain integers; a sub-millisecond part would
/// be dropped, which bar times (whole minutes) never have.
/// </summary>
/// <remarks>
/// Prices are decimal in the domain and double (REAL, DOUBLE PRECISION) in the database.
/// SQLite has no exact decimal type (a NUMERIC column stores 55.5299 as a REAL anyway), and
/// one portable numeric type keeps the SQLite and PostgreSQL stores alike. It is lossless for
/// recorded prices: distinct decimals of up to 15 significant digits stay distinct doubles,
/// and .NET's double-to-decimal conversion rounds to 15 significant digits, so such a price
/// (every vendor quote has a few decimals and far fewer digits) reads back as the same
/// value. Trailing zeros are not kept: 55.50 comes back as 55.5, an equal decimal. A price
/// with more than 15 significant digits would come back rounded to 15.
/// </remarks>
internal static class RowMapping
{
    public static long ToMs(Instant t) => t.ToUnixTimeMilliseconds();

    public static Instant ToInstant(long ms) => Instant.FromUnixTimeMilliseconds(ms);

    public static double ToStored(decimal price) => (double)price;

    public static decimal ToPrice(double stored) => (decimal)stored;

    public static Candle ToCandle(CandleRow row) => new(
        ToInstant(row.StartMs),
        ToPrice(row.Open),
        ToPrice(row.High),
        ToPrice(row.Low),
        ToPrice(row.Close),
        row.Volume);
}
