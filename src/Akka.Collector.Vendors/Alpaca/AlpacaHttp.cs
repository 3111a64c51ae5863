using System.Text.Json;
using Akka.Collector.Vendors.Http;
using Polly;

namespace Akka.Collector.Vendors.Alpaca;

/// <summary>
/// One GET to Alpaca through the vendor resilience pipeline, with the keys as headers only.
/// Whatever goes wrong leaves as a <see cref="BarSourceException"/> naming the vendor, the
/// status and the request id, plus Alpaca's own message with any key text masked.
/// </summary>
internal sealed class AlpacaHttp(
    HttpClient http, AlpacaOptions options, ResiliencePipeline<HttpResponseMessage> pipeline,
    TimeProvider wallClock)
{
    public const string Vendor = "alpaca";

    /// <summary>A successful reply's body (read within the attempt) and its request id.</summary>
    public async Task<(byte[] Body, string? RequestId)> GetAsync(
        Uri uri, IRequestPermits permits, CancellationToken ct)
    {
        using var reply = await SendAsync(uri, permits, ct).ConfigureAwait(false);
        var requestId = VendorHeaders.RequestId(reply);
        var body = await reply.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);

        if (VendorFailures.FromReply(Vendor, reply, wallClock) is { } failure)
            throw Explained(failure, body);

        return (body, requestId);
    }

    private async Task<HttpResponseMessage> SendAsync(
        Uri uri, IRequestPermits permits, CancellationToken ct)
    {
        try
        {
            // The default completion option buffers the body inside the attempt, so a reply
            // that stalls half way is cut by the attempt timeout and retried like a hang.
            return await pipeline.SendAsync(permits, async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Add("APCA-API-KEY-ID", options.KeyId);
                request.Headers.Add("APCA-API-SECRET-KEY", options.SecretKey);
                return await http.SendAsync(request, token).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            // Not the caller and not Polly's timeout: HttpClient.Timeout ran out.
            throw new BarSourceException(
                FailureKind.Timeout, $"{Vendor} did not answer in time", e);
        }
        catch (Exception e)
        {
            throw VendorFailures.FromException(Vendor, e);
        }
    }

    private BarSourceException Explained(BarSourceException failure, byte[] body)
    {
        var said = VendorMessage(body);
        return said is null
            ? failure
            : new BarSourceException(failure.Kind, $"{failure.Message}: {said}")
            {
                RetryAfter = failure.RetryAfter,
            };
    }

    // Alpaca explains a refusal as {"message": "..."} (403 on SIP, 422 on a bad parameter).
    private string? VendorMessage(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("message", out var message)
                || message.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var text = Masked(message.GetString()!);
            return text.Length <= 200 ? text : text[..200] + "...";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A vendor that echoes a header back must not put a key into our logs.
    private string Masked(string text)
    {
        foreach (var secret in new[] { options.KeyId, options.SecretKey })
        {
            if (secret.Length > 0)
                text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
