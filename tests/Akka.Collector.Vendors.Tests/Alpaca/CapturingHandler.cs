using System.Collections.Concurrent;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>
/// Sits between a client and the socket: records what went out (URL and key headers) and
/// the X-Request-ID that came back, so tests can check the wire without trusting the mock.
/// </summary>
internal sealed class CapturingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<Sent> _sent = new();

    public IReadOnlyList<Sent> Sent => [.. _sent];

    public IReadOnlyList<string> RequestIds =>
        [.. _sent.Select(s => s.RequestId).OfType<string>()];

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var reply = await base.SendAsync(request, cancellationToken);
        _sent.Enqueue(new Sent(
            request.RequestUri!,
            Header(request.Headers, "APCA-API-KEY-ID"),
            Header(request.Headers, "APCA-API-SECRET-KEY"),
            Header(reply.Headers, "X-Request-ID"),
            (int)reply.StatusCode));
        return reply;
    }

    private static string? Header(System.Net.Http.Headers.HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

internal sealed record Sent(Uri Uri, string? KeyId, string? SecretKey, string? RequestId,
    int Status);
