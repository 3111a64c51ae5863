using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Akka.Collector.Vendors.Http;

/// <summary>Turns what went wrong on the wire into the typed reasons the collector names.</summary>
public static class VendorFailures
{
    /// <summary>A failed reply as a <see cref="BarSourceException"/>; null for a success.</summary>
    public static BarSourceException? FromReply(
        string vendor, HttpResponseMessage reply, TimeProvider wallClock)
    {
        if (reply.IsSuccessStatusCode)
            return null;

        var id = VendorHeaders.RequestId(reply);
        var where = id is null ? vendor : $"{vendor} (request {id})";
        var status = (int)reply.StatusCode;
        var kind = reply.StatusCode switch
        {
            HttpStatusCode.Unauthorized => FailureKind.CredentialsRejected,
            HttpStatusCode.Forbidden => FailureKind.NotEntitled,
            HttpStatusCode.TooManyRequests => FailureKind.RateLimited,
            _ when status >= 500 => FailureKind.VendorDown,
            _ => FailureKind.RequestRejected,
        };

        return new BarSourceException(kind, $"{where} answered {status} {reply.ReasonPhrase}")
        {
            RetryAfter = VendorHeaders.RetryAfter(reply, wallClock),
        };
    }

    /// <summary>An exception from the HTTP stack or the pipeline as a typed failure.</summary>
    public static BarSourceException FromException(string vendor, Exception e) => e switch
    {
        BarSourceException known => known,
        BrokenCircuitException => new(FailureKind.VendorDown,
            $"{vendor} is failing; its circuit is open and requests fail fast for now", e),
        TimeoutRejectedException => new(FailureKind.Timeout, $"{vendor} did not answer in time", e),
        HttpRequestException => new(FailureKind.VendorDown,
            $"{vendor} unreachable: {e.Message}", e),
        System.Text.Json.JsonException => new(FailureKind.MalformedReply,
            $"{vendor} sent a reply that is not the expected JSON: {e.Message}", e),
        _ => new(FailureKind.VendorDown,
            $"{vendor} call failed: {e.GetType().Name}: {e.Message}", e),
    };
}
