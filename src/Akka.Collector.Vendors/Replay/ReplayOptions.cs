namespace Akka.Collector.Vendors.Replay;

/// <summary>
/// Where a replay source finds its recordings, bindable from configuration. Every
/// <c>&lt;SYMBOL&gt;_INTRA_DAY.tsv</c> under <see cref="Directory"/> (subfolders included) is
/// read as react-stockcharts; <see cref="Files"/> names the others, and wins over a file
/// found in the directory for the same symbol.
/// </summary>
public sealed class ReplayOptions
{
    /// <summary>
    /// Searched for react-stockcharts files; relative file paths start here. Default: none.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>Explicit recordings. Default: none.</summary>
    public List<ReplayFileOptions> Files { get; set; } = [];

    /// <summary>Symbols one request may name. Default: 100.</summary>
    public int MaxSymbolsPerRequest { get; set; } = ReplayBarSource.DefaultMaxSymbolsPerRequest;
}

/// <summary>One recorded file: whose minutes it holds, where it is, how it is written.</summary>
public sealed class ReplayFileOptions
{
    public string Symbol { get; set; } = "";

    public string Path { get; set; } = "";

    /// <summary>One of <see cref="RecordingFormats.Names"/>.</summary>
    public string Format { get; set; } = "";
}
