using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Symbols;

namespace Akka.Collector.Vendors.Replay;

/// <summary>Builds a <see cref="ReplayBarSource"/> from <see cref="ReplayOptions"/>.</summary>
public static class ReplaySourceFactory
{
    private const string IntradaySuffix = "_INTRA_DAY.tsv";

    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">A listed file does not exist.</exception>
    /// <exception cref="ArgumentException">A bad symbol or format, or nothing to play.</exception>
    /// <exception cref="FormatException">A malformed line in a file.</exception>
    public static ReplayBarSource Create(
        ReplayOptions options, TimeProvider clock, BarGrid grid) =>
        new(LoadRecordings(options), clock, grid, options.MaxSymbolsPerRequest);

    /// <summary>Reads every file the options name, one recording per symbol.</summary>
    public static IReadOnlyList<SymbolRecording> LoadRecordings(ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var files = new Dictionary<Symbol, (string Path, string Format)>();
        var discovered = Discovered(options.Directory);
        foreach (var (symbol, paths) in discovered)
            files[symbol] = (paths[0], RecordingFormats.ReactStockCharts);

        // Explicit entries are checked before any file is read, so a typo fails fast.
        foreach (var entry in options.Files)
        {
            if (!Symbol.TryParse(entry.Symbol, out var symbol, out var error))
                throw new ArgumentException($"replay file '{entry.Path}': {error}");

            if (!RecordingFormats.IsKnown(entry.Format))
                throw new ArgumentException(
                    $"replay file '{entry.Path}' for {symbol}: unknown format '{entry.Format}'; " +
                    $"known formats are {string.Join(", ", RecordingFormats.Names)}");

            var path = Path.Combine(options.Directory ?? "", entry.Path);
            if (!File.Exists(path))
                throw new FileNotFoundException(
                    $"replay file '{Path.GetFullPath(path)}' for {symbol} does not exist", path);

            files[symbol] = (path, entry.Format);
            discovered.Remove(symbol);
        }

        // Two files for one symbol are fine only when an explicit entry chose between them.
        if (discovered.FirstOrDefault(d => d.Value.Count > 1) is { Value: { } twins } twin)
            throw new ArgumentException(
                $"replay directory holds several files for {twin.Key}: " +
                $"{string.Join(", ", twins.Select(p => $"'{p}'"))}; " +
                "list the one to play under Files");

        if (files.Count == 0)
            throw new ArgumentException(
                "replay has nothing to play: no *" + IntradaySuffix + " file in the directory " +
                $"'{options.Directory}' and no files listed");

        return files
            .OrderBy(f => f.Key.Value, StringComparer.Ordinal)
            .Select(f => new SymbolRecording(
                f.Key, RecordingFormats.Load(f.Value.Format, f.Value.Path)))
            .ToList();
    }

    private static Dictionary<Symbol, List<string>> Discovered(string? directory)
    {
        var found = new Dictionary<Symbol, List<string>>();
        if (directory is null)
            return found;

        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException(
                $"replay directory '{Path.GetFullPath(directory)}' does not exist");

        var search = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            MatchCasing = MatchCasing.CaseInsensitive,
        };
        foreach (var path in Directory.EnumerateFiles(directory, "*" + IntradaySuffix, search))
        {
            var ticker = Path.GetFileName(path)[..^IntradaySuffix.Length];
            if (!Symbol.TryParse(ticker, out var symbol, out var error))
                throw new ArgumentException($"replay file '{path}': {error}");

            if (!found.TryGetValue(symbol, out var paths))
                found[symbol] = paths = [];

            paths.Add(path);
        }

        // Enumeration order is the file system's; sort so a run is repeatable.
        foreach (var paths in found.Values)
            paths.Sort(StringComparer.Ordinal);

        return found;
    }
}
