using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akka.Collector.Bench;

/// <summary>
/// One benchmark figure as scripts compare runs: the measured value, the reference it is held
/// against (a floor measured in the same run, or a budget), value / reference, and the
/// largest ratio that meets the target; for a rate (<see cref="AtLeast"/>, bars per second
/// against a reference tool's) the smallest.
/// </summary>
public sealed record Figure(
    [property: JsonIgnore] string Name,
    [property: JsonIgnore] string Label,
    [property: JsonPropertyOrder(0)] double Value,
    [property: JsonPropertyOrder(1)] double Reference,
    [property: JsonPropertyOrder(3)] string Unit,
    [property: JsonPropertyOrder(4)] double Target,
    [property: JsonIgnore] bool AtLeast = false)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    // Rounded so a JSON diff between runs shows the figures, not float noise.
    [JsonPropertyOrder(2)]
    public double Ratio => Math.Round(Value / Reference, 3);

    [JsonIgnore]
    public bool Met => AtLeast ? Ratio >= Target : Ratio <= Target;

    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, Name + ".json"),
            JsonSerializer.Serialize(this, Json) + Environment.NewLine);
    }

    public string Row()
    {
        var target = (AtLeast ? "≥ " : "≤ ")
            + Target.ToString("0.0#", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Label,-34} {Value,10:0.#} {Reference,10:0.#} {Unit,-9} {Ratio,6:0.00} " +
            $"{target,7} {(Met ? "met" : "MISSED")}");
    }

    public static string Header =>
        $"{"figure",-34} {"value",10} {"reference",10} {"unit",-9} {"ratio",6} {"target",7}";
}
