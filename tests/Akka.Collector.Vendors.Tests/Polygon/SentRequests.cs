using System.Collections.Concurrent;

namespace Akka.Collector.Vendors.Tests.Polygon;

/// <summary>One request as the client put it on the wire.</summary>
internal sealed record SentRequest(Uri Uri, string? Authorization);

/// <summary>What a client sent, in order, seen from its side of the socket.</summary>
internal sealed class SentRequests
{
    private readonly ConcurrentQueue<SentRequest> _sent = new();

    public IReadOnlyList<SentRequest> All => [.. _sent];

    public void Add(SentRequest request) => _sent.Enqueue(request);
}

/// <summary>Records each request, then sends it over a real socket.</summary>
internal sealed class SentRequestsHandler(SentRequests sent)
    : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        sent.Add(new SentRequest(request.RequestUri!, request.Headers.Authorization?.ToString()));
        return base.SendAsync(request, cancellationToken);
    }
}
