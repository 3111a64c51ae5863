using NodaTime;

namespace Akka.Collector.Domain.Intervals;

/// <summary>
/// One of the nine bar widths the collector keeps. Intraday bars are anchored at the session
/// open; 1d bars are one per trading session, keyed by the ET trading date.
/// </summary>
public sealed class BarInterval : IEquatable<BarInterval>
{
    public static readonly BarInterval M1 = new("1m", 1);
    public static readonly BarInterval M2 = new("2m", 2);
    public static readonly BarInterval M5 = new("5m", 5);
    public static readonly BarInterval M15 = new("15m", 15);
    public static readonly BarInterval M30 = new("30m", 30);
    public static readonly BarInterval H1 = new("1h", 60, builtFrom: "30m");
    public static readonly BarInterval H2 = new("2h", 120, builtFrom: "30m");
    public static readonly BarInterval H4 = new("4h", 240, builtFrom: "30m");
    public static readonly BarInterval D1 = new("1d", 0);

    /// <summary>All intervals, finest first.</summary>
    public static readonly IReadOnlyList<BarInterval> All = [M1, M2, M5, M15, M30, H1, H2, H4, D1];

    private static readonly Dictionary<string, BarInterval> ByName =
        All.ToDictionary(i => i.Name, StringComparer.Ordinal);

    private readonly string? _builtFrom;

    private BarInterval(string name, int minutes, string? builtFrom = null)
    {
        Name = name;
        Minutes = minutes;
        _builtFrom = builtFrom;
    }

    public string Name { get; }

    /// <summary>Width in minutes for intraday intervals; 0 for 1d (a whole session).</summary>
    public int Minutes { get; }

    public bool IsDaily => Minutes == 0;

    public Duration Width => IsDaily ? Duration.FromDays(1) : Duration.FromMinutes(Minutes);

    /// <summary>
    /// The interval a round asks the vendor for. Vendors put hour bars on the clock (10:00,
    /// 11:00), not on the session (09:30, 10:30), so 1h, 2h and 4h are built from 30m bars.
    /// </summary>
    public BarInterval FetchedAs => _builtFrom is null ? this : ByName[_builtFrom];

    public bool IsBuiltByAggregation => _builtFrom is not null;

    public static string ValidNames => string.Join(", ", All.Select(i => i.Name));

    public static BarInterval Parse(string? text)
    {
        if (TryParse(text, out var interval, out var error))
            return interval;

        throw new FormatException(error);
    }

    public static bool TryParse(string? text, out BarInterval interval, out string error)
    {
        error = string.Empty;
        if (text is not null && ByName.TryGetValue(text.Trim(), out var found))
        {
            interval = found;
            return true;
        }

        interval = M1;
        error = $"unknown interval '{Shorten(text)}'; valid intervals are {ValidNames}";
        return false;
    }

    public bool Equals(BarInterval? other) => ReferenceEquals(this, other)
        || (other is not null && other.Name == Name);

    public override bool Equals(object? obj) => Equals(obj as BarInterval);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Name;

    public static bool operator ==(BarInterval? a, BarInterval? b) => Equals(a, b);

    public static bool operator !=(BarInterval? a, BarInterval? b) => !Equals(a, b);

    private static string Shorten(string? text) =>
        text is null ? "" : text.Length <= 16 ? text : text[..16] + "...";
}
