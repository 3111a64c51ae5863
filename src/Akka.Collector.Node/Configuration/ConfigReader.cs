using System.Globalization;
using Akka.Configuration;

namespace Akka.Collector.Node.Configuration;

/// <summary>
/// Reads typed values out of HOCON so that every bad value stops the node with the full key,
/// the value found and what was expected, instead of a bare parser exception.
/// </summary>
internal sealed class ConfigReader(Config config, string path)
{
    public string Path { get; } = path;

    public ConfigReader Section(string key) =>
        new(config.GetConfig(key) ?? Config.Empty, $"{Path}.{key}");

    public bool Has(string key) => config.HasPath(key);

    // An object or a list where a word belongs read as empty, which took the fallback and
    // started the node on a setting nobody gave: refused like any other wrong value.
    public string String(string key, string fallback) =>
        Read(key, () => config.GetValue(key) is { } value && (value.IsObject() || value.IsArray())
            ? throw new ConfigurationException($"{key} is not a single value")
            : config.GetString(key, fallback) ?? fallback, "a string");

    public int Int(string key, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var value = Read(key, () => config.GetInt(key, fallback), "an integer");
        return value >= min && value <= max
            ? value
            : throw Bad(key, value.ToString(CultureInfo.InvariantCulture), Range(min, max));
    }

    public int Positive(string key, int fallback) => Int(key, fallback, min: 1);

    /// <summary>on/off, true/false, yes/no.</summary>
    public bool Bool(string key) =>
        Read(key, () => config.GetBoolean(key), "on or off");

    public double Double(string key, double fallback, double min)
    {
        var value = Read(key, () => config.GetDouble(key, fallback), "a number");
        return value >= min && double.IsFinite(value)
            ? value
            : throw Bad(
                key, value.ToString(CultureInfo.InvariantCulture), $"a number of at least {min}");
    }

    /// <summary>A HOCON duration (5s, 250ms, 3660d); negative values are refused.</summary>
    public TimeSpan Duration(string key, TimeSpan fallback, bool allowZero = true)
    {
        var value = Read(
            key,
            () => config.GetTimeSpan(key, fallback, allowInfinite: false),
            "a duration such as 5s");
        return value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero)
            ? value
            : throw Bad(
                key, Raw(key), allowZero ? "a duration of 0 or more" : "a positive duration");
    }

    public IReadOnlyList<string> List(string key) =>
        Read(key, () => (IReadOnlyList<string>)[.. config.GetStringList(key) ?? []], "a list");

    /// <summary>
    /// A HOCON list, or one string of comma-separated words (an environment variable can
    /// only give the latter); blanks dropped.
    /// </summary>
    public IReadOnlyList<string> Words(string key)
    {
        if (!config.HasPath(key))
            return [];

        var value = config.GetValue(key);
        var words = value.IsArray()
            ? List(key)
            : String(key, "").Split(',');
        return [.. words.Select(w => w.Trim()).Where(w => w.Length > 0)];
    }

    /// <summary>The objects of a HOCON list of objects.</summary>
    public IReadOnlyList<Akka.Configuration.Hocon.HoconObject> Entries(string key) =>
        Read(key, () => (IReadOnlyList<Akka.Configuration.Hocon.HoconObject>)
            [.. (config.GetValue(key)?.GetArray() ?? []).Select(v => v.GetObject())],
            "a list of objects");

    public InvalidOperationException Bad(string key, string value, string expected) =>
        NodeSettings.Bad($"{Path}.{key}", value, expected);

    private T Read<T>(string key, Func<T> read, string expected)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not InvalidOperationException || e is ConfigurationException)
        {
            throw Bad(key, Raw(key), expected);
        }
    }

    private string Raw(string key)
    {
        try
        {
            return config.GetValue(key)?.ToString() ?? "(missing)";
        }
        catch (Exception)
        {
            return "(unreadable)";
        }
    }

    private static string Range(int min, int max) => (min, max) switch
    {
        (int.MinValue, _) => $"an integer up to {max}",
        (_, int.MaxValue) => $"an integer of at least {min}",
        _ => $"an integer from {min} to {max}",
    };
}
