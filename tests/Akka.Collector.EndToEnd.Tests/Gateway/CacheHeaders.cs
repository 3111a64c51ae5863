using System.Net.Http.Headers;
using System.Text.Json;
using Akka.Collector.EndToEnd.Tests.Harness;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>Reads and sends the caching headers of a chart answer.</summary>
public static class CacheHeaders
{
    public static EntityTagHeaderValue? ETag(this HttpJson answer) => answer.Response.Headers.ETag;

    public static CacheControlHeaderValue? CacheControl(this HttpJson answer) =>
        answer.Response.Headers.CacheControl;

    /// <summary>The max-age in whole seconds; fails when the answer has none.</summary>
    public static int MaxAge(this HttpJson answer)
    {
        var maxAge = answer.CacheControl()?.MaxAge;
        Assert.True(maxAge is not null, $"no max-age on {answer.Status}: {answer.CacheControl()}");
        return (int)maxAge.Value.TotalSeconds;
    }

    /// <summary>GET with If-None-Match naming a tag an earlier answer carried.</summary>
    public static async Task<HttpJson> RevalidateAsync(
        HttpClient http, string path, EntityTagHeaderValue tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(tag);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new HttpJson(response, text, body);
    }
}
