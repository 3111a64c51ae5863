using Akka.Collector.Domain.Symbols;

namespace Akka.Collector.Vendors.Synthetic;

/// <summary>
/// The character of one synthetic symbol, all drawn from the hash of its ticker: price level,
/// the slow waves its price rides, how busy it trades and how often a minute stays empty.
/// </summary>
internal sealed class SymbolProfile
{
    private SymbolProfile(ulong seed)
    {
        Seed = seed;
        var draw = new Draws(seed);

        // Log-uniform, so cheap and expensive tickers are equally common.
        BasePrice = 20.0 * Math.Pow(25.0, draw.Next());

        // Periods in minutes of absolute time: about a year, a month, a week and a day.
        // Longer waves swing further, as real prices do.
        Waves =
        [
            Wave.Drawn(draw, 360_000, 720_000, 0.08, 0.18),
            Wave.Drawn(draw, 30_000, 60_000, 0.03, 0.06),
            Wave.Drawn(draw, 7_000, 14_000, 0.012, 0.025),
            Wave.Drawn(draw, 1_500, 3_000, 0.004, 0.008),
        ];

        // Most tickers are liquid; about one in eight is thin and skips many minutes.
        NoTradeRate = draw.Next() < 0.875 ? 0.02 : 0.10 + 0.20 * draw.Next();
        MinuteVolume = Math.Pow(10.0, 2.5 + 1.5 * draw.Next());
    }

    public ulong Seed { get; }

    public double BasePrice { get; }

    public Wave[] Waves { get; }

    /// <summary>Share of minutes inside the session with no trade (no bar).</summary>
    public double NoTradeRate { get; }

    /// <summary>Typical shares traded in a mid-session minute.</summary>
    public double MinuteVolume { get; }

    public static SymbolProfile For(Symbol symbol) => new(StableHash.Of(symbol.Value));

    /// <summary>One sine of the drift: log-price offset = amplitude * sin(omega t +
    /// phase).</summary>
    public readonly record struct Wave(double Omega, double Amplitude, double Phase)
    {
        public static Wave Drawn(Draws draw, double minPeriod, double maxPeriod,
            double minAmplitude, double maxAmplitude) =>
            new(2.0 * Math.PI / Between(draw.Next(), minPeriod, maxPeriod),
                Between(draw.Next(), minAmplitude, maxAmplitude),
                2.0 * Math.PI * draw.Next());

        public double At(long minute) => Amplitude * Math.Sin(Omega * minute + Phase);

        private static double Between(double u, double lo, double hi) => lo + (hi - lo) * u;
    }

    /// <summary>Successive independent numbers in [0, 1) from one seed.</summary>
    public sealed class Draws(ulong seed)
    {
        private long _n;

        public double Next() => StableHash.Unit(StableHash.Of(seed, _n++, 0xD1CEUL));
    }
}
