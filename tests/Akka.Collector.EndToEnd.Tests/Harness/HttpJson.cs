using System.Text.Json;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>One HTTP answer of the gateway: status, headers, body text, and its JSON.</summary>
public sealed record HttpJson(HttpResponseMessage Response, string Text, JsonElement Body)
{
    public int Status => (int)Response.StatusCode;

    public string? ContentType => Response.Content.Headers.ContentType?.MediaType;

    public static async Task<HttpJson> GetAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return new HttpJson(response, text, Parse(text));
    }

    public override string ToString() => $"{Status} {ContentType} {Text}";

    private static JsonElement Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
