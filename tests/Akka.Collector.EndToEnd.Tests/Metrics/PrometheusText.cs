using System.Globalization;
using System.Text;

namespace Akka.Collector.EndToEnd.Tests.Metrics;

/// <summary>One sample of a scrape: metric name, labels and value.</summary>
public sealed record PrometheusSample(
    string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// The Prometheus text exposition format (version 0.0.4), read strictly enough that a
/// malformed line fails the test instead of being skipped: names, escaped label values,
/// special values (NaN, +Inf) and the # TYPE lines.
/// </summary>
public sealed class PrometheusText
{
    private PrometheusText(
        IReadOnlyList<PrometheusSample> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>Metric family name to its type: counter, gauge, histogram.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
                continue;

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line["# TYPE ".Length..].Split(' ');
                types[parts[0]] = parts[1];
                continue;
            }

            if (line.StartsWith('#'))
                continue;

            samples.Add(ParseSample(line));
        }

        return new PrometheusText(samples, types);
    }

    /// <summary>
    /// The value of the one sample with this name whose labels include the given ones; null
    /// when there is none. More than one is a mistake of the test, so it throws.
    /// </summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        var found = Matching(name, labels).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0].Value,
            _ => throw new InvalidOperationException(
                $"{found.Count} samples of {name} match {string.Join(", ", labels)}"),
        };
    }

    /// <summary>The sum over every sample with this name whose labels include the given.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        Matching(name, labels).Sum(s => s.Value);

    public IEnumerable<PrometheusSample> Matching(
        string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(
            l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    private static PrometheusSample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
            i++;
        var name = line[..i];

        var labels = new Dictionary<string, string>();
        if (i < line.Length && line[i] == '{')
            i = ParseLabels(line, i + 1, labels);

        // value [timestamp]
        var rest = line[i..].Trim().Split(' ');
        return new PrometheusSample(name, labels, ParseValue(rest[0], line));
    }

    private static int ParseLabels(string line, int i, Dictionary<string, string> labels)
    {
        while (line[i] != '}')
        {
            var eq = line.IndexOf('=', i);
            var key = line[i..eq];
            if (line[eq + 1] != '"')
                throw new FormatException($"label {key} is not quoted: {line}");

            var value = new StringBuilder();
            var j = eq + 2;
            for (; line[j] != '"'; j++)
            {
                if (line[j] != '\\')
                {
                    value.Append(line[j]);
                    continue;
                }

                j++;
                value.Append(line[j] == 'n' ? '\n' : line[j]);
            }

            labels[key] = value.ToString();
            i = j + 1;
            if (line[i] == ',')
                i++;
        }

        return i + 1;
    }

    private static double ParseValue(string text, string line) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"value '{text}' is not a number: {line}"),
    };
}
