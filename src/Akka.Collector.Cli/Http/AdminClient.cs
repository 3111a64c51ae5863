using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Akka.Collector.Cli.Http;

/// <summary>
/// The node's HTTP API as collectorctl uses it: JSON in and out, the admin token on every
/// call, and every failure turned into one line that says what to do about it.
/// </summary>
public sealed class AdminClient(HttpClient http, string? token) : IDisposable
{
    // Optional fields left out are absent from the body, not null.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Uri BaseAddress => http.BaseAddress!;

    public static AdminClient Create(string url, string? token, TimeSpan timeout)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new CliFailure(
                $"--url '{url}' is not an http(s) address such as http://127.0.0.1:8080",
                ExitCodes.Usage);

        var http = new HttpClient { BaseAddress = uri, Timeout = timeout };
        return new AdminClient(http, string.IsNullOrWhiteSpace(token) ? null : token.Trim());
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, path, body: null, ct);

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, path, body, ct);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, path, body: null, ct);

    public async Task<JsonElement> SendAsync(
        HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = JsonContent.Create(body, options: Json);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliFailure(
                $"cannot reach the node at {BaseAddress} ({Reason(e)}); is it running? " +
                "Point --url or COLLECTOR_URL at its gateway.",
                ExitCodes.Unreachable);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliFailure(
                $"the node at {BaseAddress} did not answer {method} /{request.RequestUri} " +
                $"within {http.Timeout.TotalSeconds:0} s",
                ExitCodes.Unreachable);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw Failure(response, method, path, text);

            return Parse(text, method, path);
        }
    }

    private CliFailure Failure(
        HttpResponseMessage response, HttpMethod method, string path, string text)
    {
        var status = (int)response.StatusCode;
        var problem = Problem.From(text);
        var request = $"{method} /{path.TrimStart('/')}";

        // A problem without a detail (a route the node does not have) names the request.
        var what = problem is { Detail: not null }
            ? problem.ToString().TrimEnd('.')
            : $"{problem?.Title ?? response.ReasonPhrase} ({request})";

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var hint = token is null
                ? "; pass --token or set COLLECTOR_ADMIN_TOKEN"
                : "";
            return new CliFailure($"{status} {what}{hint}", ExitCodes.Unauthorized);
        }

        return new CliFailure($"{status} {what}", ExitCodes.Refused);
    }

    private static JsonElement Parse(string text, HttpMethod method, string path)
    {
        if (string.IsNullOrWhiteSpace(text))
            return default;

        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliFailure(
                $"the node answered {method} {path} with something that is not JSON",
                ExitCodes.Refused);
        }
    }

    // The innermost reason is the one an operator recognises ("Connection refused").
    private static string Reason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
                return socket.Message;
        }

        return e.Message;
    }

    public void Dispose() => http.Dispose();
}
