using System.Text.Json;

namespace Akka.Collector.Deployment.Tests.Support;

/// <summary>Walking rendered manifests; YAML scalars arrive as strings.</summary>
public static class Json
{
    public static JsonElement At(this JsonElement element, params string[] path)
    {
        foreach (var name in path)
            element = element.GetProperty(name);
        return element;
    }

    public static string? Text(this JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element.GetRawText(),
    };

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    public static string? Env(this JsonElement container, string name) =>
        container.Items("env")
            .Where(e => e.GetProperty("name").GetString() == name)
            .Select(e => e.TryGetProperty("value", out var v) ? v.Text() ?? "" : null)
            .FirstOrDefault();
}
