using Akka.Collector.Gateway.Candles;
using Akka.Collector.Vendors;
using Microsoft.AspNetCore.Http;

namespace Akka.Collector.Gateway;

/// <summary>Every non-200 answer of the gateway, as RFC 7807 problem details.</summary>
public static class Problems
{
    public static IResult BadParameter(ParameterError error) => Results.Problem(
        title: $"Invalid parameter '{error.Parameter}'",
        detail: error.Detail,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["parameter"] = error.Parameter });

    public static IResult StillFetching(
        CandleRequest request, TimeSpan retryAfter, NewestBar? newest)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new RetryAfterResult(seconds, Results.Problem(
            title: "Data is being collected",
            detail: $"{request.Symbol} {request.Interval} is being fetched now; " +
                    $"retry in {seconds} s " +
                    "or pass allowStale=true for what is stored",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["newest"] = newest }));
    }

    public static IResult VendorFault(
        CandleRequest request, FailureKind kind, string reason, NewestBar? newest)
    {
        var status = kind == FailureKind.Timeout
            ? StatusCodes.Status504GatewayTimeout
            : StatusCodes.Status502BadGateway;
        return Results.Problem(
            title: $"Market-data vendor fault: {kind}",
            detail: $"{request.Symbol} {request.Interval} could not be collected: {reason}. " +
                    "Pass allowStale=true for what is stored",
            statusCode: status,
            extensions: new Dictionary<string, object?>
                { ["fault"] = kind.ToString(), ["newest"] = newest });
    }

    /// <summary>
    /// The node's clock is outside the market calendar. No Retry-After: retrying does not
    /// help until an operator installs a calendar file that covers it, which the detail says.
    /// </summary>
    public static IResult CalendarExhausted(string detail) => Results.Problem(
        title: "Market calendar does not cover the node's clock: operator action needed",
        detail: detail,
        statusCode: StatusCodes.Status503ServiceUnavailable,
        extensions: new Dictionary<string, object?> { ["operatorActionNeeded"] = true });

    private sealed class RetryAfterResult(int seconds, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter =
                seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
