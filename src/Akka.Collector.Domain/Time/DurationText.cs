using System.Globalization;

namespace Akka.Collector.Domain.Time;

/// <summary>
/// Durations as people read them in messages: in the largest unit that keeps the number at
/// least 1, with up to two decimals. Whole seconds alone would print a 1 ms timeout as "0 s".
/// </summary>
public static class DurationText
{
    private static readonly (long Ticks, string One, string Many)[] Units =
    [
        (TimeSpan.TicksPerDay, "day", "days"),
        (TimeSpan.TicksPerHour, "h", "h"),
        (TimeSpan.TicksPerMinute, "min", "min"),
        (TimeSpan.TicksPerSecond, "s", "s"),
        (TimeSpan.TicksPerMillisecond, "ms", "ms"),
        (TimeSpan.TicksPerMicrosecond, "µs", "µs"),
    ];

    /// <summary>"1 ms", "250 ms", "1.5 s", "20 s", "2.5 min", "3660 days"; zero: "0 s".</summary>
    public static string Of(TimeSpan span)
    {
        if (span == TimeSpan.Zero)
            return "0 s";

        // Ticks as a double: TimeSpan.MinValue has no positive counterpart to negate into.
        var ticks = Math.Abs((double)span.Ticks);
        var sign = span < TimeSpan.Zero ? "-" : "";
        for (var i = 0; i < Units.Length; i++)
        {
            var (unit, one, many) = Units[i];
            if (ticks < unit && i < Units.Length - 1)
                continue;

            var value = Math.Round(ticks / unit, 2, MidpointRounding.AwayFromZero);

            // 59.999 s rounds to 60 s: say 1 min instead.
            if (i > 0 && value >= (double)Units[i - 1].Ticks / unit)
                (value, one, many) = (1, Units[i - 1].One, Units[i - 1].Many);

            var number = value.ToString("0.##", CultureInfo.InvariantCulture);
            return $"{sign}{number} {(value == 1 ? one : many)}";
        }

        throw new InvalidOperationException("unreachable: the last unit always answers");
    }
}
