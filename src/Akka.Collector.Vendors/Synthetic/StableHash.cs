namespace Akka.Collector.Vendors.Synthetic;

/// <summary>
/// Hashing that gives the same numbers in every process and on every machine, so a synthetic
/// bar is the same wherever and whenever it is computed. string.GetHashCode is randomised per
/// process and must never feed the series.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>64-bit FNV-1a over the UTF-16 code units of the text.</summary>
    public static ulong Of(string text)
    {
        var h = FnvOffset;
        foreach (var c in text)
        {
            h = (h ^ (byte)c) * FnvPrime;
            h = (h ^ (byte)(c >> 8)) * FnvPrime;
        }

        return Mix(h);
    }

    /// <summary>A well-spread hash of a seed, a position and a stream tag.</summary>
    public static ulong Of(ulong seed, long position, ulong stream) =>
        Mix(seed ^ Mix((ulong)position * 0x9E3779B97F4A7C15UL + stream));

    /// <summary>Uniform in [0, 1) from the top 53 bits.</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [-1, 1).</summary>
    public static double Signed(ulong hash) => Unit(hash) * 2.0 - 1.0;

    // An avalanche finaliser: every input bit flips about half the output bits, so
    // neighbouring minutes get unrelated numbers.
    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }
}
