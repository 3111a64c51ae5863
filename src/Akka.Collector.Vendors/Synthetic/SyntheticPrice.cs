namespace Akka.Collector.Vendors.Synthetic;

/// <summary>
/// The synthetic price of one symbol at minute boundaries (minutes since the Unix epoch).
/// The log-price is the sum of layers, each a value on a lattice of absolute minutes eased
/// between lattice points: a slow drift (a few sines with hashed phases) and smooth noise at
/// a few scales; a tiny jitter is added per minute. Every lattice value is a pure function
/// of (symbol, lattice point), so the price at a minute never depends on where a walk began;
/// walking forward only reuses lattice values, which keeps a minute to one exp and one hash.
/// </summary>
internal sealed class SyntheticPrice
{
    // Lattice spacing in minutes and the log-price swing of each noise layer. Odd spacings
    // keep the layers from lining up with each other or with the 5m/15m/30m grid.
    private static readonly (long Spacing, double Swing, ulong Stream)[] Noise =
    [
        (5, 0.0008, 0x5EED01UL),
        (23, 0.0018, 0x5EED02UL),
        (97, 0.0040, 0x5EED03UL),
        (389, 0.0070, 0x5EED04UL),
    ];

    // The drift's shortest wave lasts a day, so sampling it every 15 minutes loses nothing.
    private const long DriftSpacing = 15;
    private const double JitterSwing = 0.00025;
    private const ulong JitterStream = 0x717E5UL;

    private readonly SymbolProfile _profile;
    private readonly Layer[] _layers;

    public SyntheticPrice(SymbolProfile profile)
    {
        _profile = profile;
        _layers = new Layer[Noise.Length + 1];
        _layers[0] = new Layer(DriftSpacing, 1.0, Drift);
        for (var i = 0; i < Noise.Length; i++)
        {
            var (spacing, swing, stream) = Noise[i];
            _layers[i + 1] = new Layer(spacing, swing,
                point => StableHash.Signed(StableHash.Of(profile.Seed, point, stream)));
        }
    }

    /// <summary>The price at the start of a minute; cheapest when called for rising
    /// minutes.</summary>
    public double At(long minute)
    {
        var log = 0.0;
        foreach (var layer in _layers)
            log += layer.At(minute);

        log += JitterSwing * StableHash.Signed(StableHash.Of(_profile.Seed, minute, JitterStream));
        return _profile.BasePrice * Math.Exp(log);
    }

    private double Drift(long point)
    {
        var minute = point * DriftSpacing;
        var sum = 0.0;
        foreach (var wave in _profile.Waves)
            sum += wave.At(minute);

        return sum;
    }

    /// <summary>One layer: lattice values every Spacing minutes, eased in between.</summary>
    private sealed class Layer(long spacing, double swing, Func<long, double> valueAt)
    {
        private readonly double _perMinute = 1.0 / spacing;

        // Where the walk is: the minute, its cell and offset, and the cell's two end values.
        // A step to the next minute is integer arithmetic only; a jump starts afresh.
        private long _minute = long.MinValue;
        private long _cell;
        private long _offset;
        private double _left;
        private double _right;

        public double At(long minute)
        {
            if (minute == _minute + 1 && _offset + 1 < spacing)
            {
                _offset++;
            }
            else if (minute == _minute + 1)
            {
                _cell++;
                _offset = 0;
                _left = _right;
                _right = valueAt(_cell + 1);
            }
            else if (minute != _minute)
            {
                _cell = Math.DivRem(minute, spacing, out _offset);
                _left = valueAt(_cell);
                _right = valueAt(_cell + 1);
            }

            _minute = minute;
            var f = _offset * _perMinute;
            var eased = f * f * (3.0 - 2.0 * f);
            return swing * (_left + (_right - _left) * eased);
        }
    }
}
