using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Akka.Collector.MockVendor.Faults;

/// <summary>
/// The faults every route applies before serving data, in one order: latency, hang, 429,
/// 5xx, 403. A route answers normally when <see cref="TryFailAsync"/> returns null.
/// </summary>
public static class FaultGate
{
    public static async Task<int?> TryFailAsync(HttpContext http, MockFaults faults)
    {
        if (faults.Latency > TimeSpan.Zero)
        {
            // The reply starts the latency after the request came in, and the mock's own work
            // (building the bars) runs inside it, as a vendor's does: a request takes the
            // latency, not the latency plus the mock's CPU time (nor a coarse timer's slack).
            var due = ExactDelay.UntilAsync(ExactDelay.From(faults.Latency), http.RequestAborted);
            http.Response.OnStarting(() => due);
        }

        if (faults.TakeHang())
        {
            // Hold the request open until the client gives up, like a dead connection.
            await Task.Delay(Timeout.InfiniteTimeSpan, http.RequestAborted);
        }

        if (faults.TakeTooManyRequests())
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter =
                faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await http.Response.WriteAsync("{\"message\":\"too many requests\"}");
            return 429;
        }

        if (faults.TakeServerError())
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            if (faults.RetryAfterOnServerErrors)
            {
                http.Response.Headers.RetryAfter =
                    faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }

            await http.Response.WriteAsync("{\"message\":\"service unavailable\"}");
            return 503;
        }

        if (faults.TakeForbidden())
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsync(
                "{\"message\":\"subscription does not permit querying recent SIP data\"}");
            return 403;
        }

        return null;
    }
}
