using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Akka.Collector.EndToEnd.Tests.Harness;

namespace Akka.Collector.EndToEnd.Tests.Admin;

/// <summary>Admin calls over the node's loopback HTTP, with or without a bearer token.</summary>
public static class AdminHttp
{
    public static Task<HttpJson> GetAsync(HttpClient http, string path, string? token) =>
        SendAsync(http, HttpMethod.Get, path, token, body: null);

    public static Task<HttpJson> PostAsync(
        HttpClient http, string path, string? token, string? body = null) =>
        SendAsync(http, HttpMethod.Post, path, token, body);

    public static async Task<HttpJson> SendAsync(
        HttpClient http, HttpMethod method, string path, string? token, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new HttpJson(response, text, Parse(text));
    }

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
