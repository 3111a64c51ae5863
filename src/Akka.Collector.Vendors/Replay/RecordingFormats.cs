namespace Akka.Collector.Vendors.Replay;

/// <summary>The recorded file formats a replay source reads, by configuration name.</summary>
public static class RecordingFormats
{
    public const string ReactStockCharts = "react-stockcharts";

    public const string Mplfinance = "mplfinance";

    private static readonly Dictionary<string, Func<string, IReadOnlyList<RecordedSession>>>
        Readers = new(StringComparer.OrdinalIgnoreCase)
        {
            [ReactStockCharts] = ReactStockChartsIntraday.Load,
            [Mplfinance] = MplfinanceIntraday.Load,
        };

    public static IReadOnlyCollection<string> Names => Readers.Keys;

    public static bool IsKnown(string? format) =>
        format is not null && Readers.ContainsKey(format);

    /// <exception cref="ArgumentException">The format is not one of <see cref="Names"/>.
    /// </exception>
    /// <exception cref="FormatException">A malformed line in the file.</exception>
    public static IReadOnlyList<RecordedSession> Load(string format, string path) =>
        Readers.TryGetValue(format, out var read)
            ? read(path)
            : throw new ArgumentException($"unknown recording format '{format}'; " +
                                          $"known formats are {string.Join(", ", Names)}");
}
