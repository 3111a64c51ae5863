using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Akka.Collector.Cli.Output;

/// <summary>
/// Reading the node's JSON for display: a missing or null field prints as "-", never as an
/// exception, so a newer node with more or fewer fields still prints.
/// </summary>
public static class Cells
{
    public static string Text(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object ||
            !element.TryGetProperty(name, out var value))
            return "-";

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "-",
            JsonValueKind.Number => value.TryGetInt64(out var whole)
                ? whole.ToString(CultureInfo.InvariantCulture)
                : value.GetDouble().ToString("0.##", CultureInfo.InvariantCulture),
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Plain)),
            JsonValueKind.Null or JsonValueKind.Undefined => "-",
            _ => value.GetRawText(),
        };
    }

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object &&
        element.TryGetProperty(name, out var value) &&
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    public static JsonElement Child(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : default;

    /// <summary>A table whose cells are plain text (never parsed as markup).</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
            table.AddColumn(new TableColumn(new Text(column)));
        return table;
    }

    public static Table Row(this Table table, params string[] cells)
    {
        table.AddRow(cells.Select(c => (IRenderable)new Text(c)).ToArray());
        return table;
    }

    public static void Line(this IAnsiConsole console, string text) =>
        console.Write(new Text(text + Environment.NewLine));

    private static string Plain(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
}
