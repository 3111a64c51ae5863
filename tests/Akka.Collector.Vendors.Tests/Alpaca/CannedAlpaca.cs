using System.Net;
using System.Text;
using Akka.Collector.Vendors.Alpaca;
using Akka.Collector.Vendors.Tests.Support;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>
/// Replies written by hand, for the rules the mock never breaks on its own (fractional
/// volume, extended hours, other daily stamps): a handler that answers each request with the
/// next canned body, as reply "req-1", "req-2", ... and remembers what was asked.
/// </summary>
internal sealed class CannedAlpaca(params (HttpStatusCode Status, string Body)[] replies)
    : HttpMessageHandler
{
    private int _next;

    public List<Uri> Asked { get; } = [];

    public static CannedAlpaca Ok(params string[] bodies) =>
        new([.. bodies.Select(b => (HttpStatusCode.OK, b))]);

    public AlpacaBarSource Client() => new(
        new HttpClient(this),
        new AlpacaOptions
        {
            BaseAddress = new Uri("http://alpaca.test/"),
            KeyId = AlpacaHarness.KeyId,
            SecretKey = AlpacaHarness.SecretKey,
        },
        Calendars.Grid(),
        TimeProvider.System,
        AlpacaHarness.Fast);

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Asked.Add(request.RequestUri!);
        var (status, body) = replies[Math.Min(_next, replies.Length - 1)];
        _next++;
        var reply = new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        reply.Headers.Add("X-Request-ID", $"req-{_next}");
        return Task.FromResult(reply);
    }
}
