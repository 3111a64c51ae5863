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

    public static IResult UnknownSymbol(CandleRequest request, string? detail) => Results.Problem(
        title: "Unknown symbol",
        detail: $"{request.Symbol} is not known to the market-data vendor: " +
                (detail ?? "it has no bars") + ". Check the ticker",
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["symbol"] = request.Symbol.Value });

    public static IResult OnboardingCapped(
        CandleRequest request, TimeSpan retryAfter, string? why)
    {
        var seconds = Seconds(retryAfter);
        return new RetryAfterResult(seconds, Results.Problem(
            title: "Too many new symbols",
            detail: $"{request.Symbol} is not collected yet: " +
                    $"{why ?? "too many new symbols are being added"}; retry in {seconds} s",
            statusCode: StatusCodes.Status429TooManyRequests));
    }

    /// <summary>202: the symbol is being onboarded; the same URL answers once it is in.</summary>
    public static IResult Onboarding(
        CandleRequest request, HttpContext http, TimeSpan retryAfter, string? detail)
    {
        var seconds = Seconds(retryAfter);
        var location = http.Request.Path + http.Request.QueryString;
        var body = Results.Json(
            new OnboardingAnswer(request.Symbol.Value, request.Interval.Name, "onboarding",
                detail ?? "being checked with the vendor and backfilled", location, seconds),
            statusCode: StatusCodes.Status202Accepted);
        return new RetryAfterResult(seconds, body, location);
    }

    /// <summary>The collection queue did not answer: a fault of the cluster, named.</summary>
    public static IResult QueueUnavailable(CandleRequest request) => Results.Problem(
        title: "Collection queue unavailable",
        detail: $"{request.Symbol} is not in the universe and the collection queue that adds " +
                "new symbols did not answer (it may be moving to another node)",
        statusCode: StatusCodes.Status504GatewayTimeout,
        extensions: new Dictionary<string, object?> { ["fault"] = "QueueUnavailable" });

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));

    private sealed class RetryAfterResult(int seconds, IResult inner, string? location = null)
        : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter =
                seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (location is not null)
                httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}

/// <summary>The 202 body: what is happening and where to ask again.</summary>
public sealed record OnboardingAnswer(
    string Symbol, string Interval, string Status, string Detail, string Poll,
    int RetryAfterSeconds);
