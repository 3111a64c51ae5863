using System.Text.Json;

namespace Akka.Collector.Cli.Http;

/// <summary>An RFC 7807 problem body, as the gateway writes every error.</summary>
public sealed record Problem(string? Title, string? Detail)
{
    public static Problem? From(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;

            var title = Text(root, "title");
            var detail = Text(root, "detail");
            return title is null && detail is null ? null : new Problem(title, detail);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => (Title, Detail) switch
    {
        ({ } title, { } detail) => $"{title}: {detail}",
        ({ } title, null) => title,
        _ => Detail ?? "",
    };

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
