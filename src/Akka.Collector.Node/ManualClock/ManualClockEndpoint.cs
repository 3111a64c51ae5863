using System.Security.Cryptography;
using System.Text;
using Akka.Collector.Node.Configuration;
using NodaTime.Text;

namespace Akka.Collector.Node.ManualClock;

/// <summary>
/// POST /test/clock?to=2026-12-03T15:00:05Z moves a manual market clock forward and answers
/// once the timers due by then have fired (their actors have been told, not yet finished).
/// Mapped only in manual clock mode, and only for a caller with the token in X-Clock-Token:
/// whoever moves the clock decides which rounds run. Multi-process tests only.
/// </summary>
public static class ManualClockEndpoint
{
    public const string TokenHeader = "X-Clock-Token";

    public static IEndpointRouteBuilder MapManualClock(
        this IEndpointRouteBuilder app, NodeSettings settings)
    {
        if (settings.ManualClockToken is not { } token)
            return app;

        var expected = Encoding.UTF8.GetBytes(token);
        app.MapPost("/test/clock", (HttpRequest request, ManualClock clock, string? to) =>
        {
            var given = Encoding.UTF8.GetBytes(request.Headers[TokenHeader].ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return Results.Problem(
                    $"{TokenHeader} is missing or wrong",
                    statusCode: StatusCodes.Status403Forbidden);
            }

            var parsed = OffsetDateTimePattern.ExtendedIso.Parse(to ?? "");
            if (!parsed.Success)
                return Results.Problem(
                    "to: expected an ISO-8601 time with offset, e.g. 2026-12-03T15:00:05Z",
                    statusCode: StatusCodes.Status400BadRequest);

            var target = parsed.Value.ToInstant().ToDateTimeOffset();
            return clock.MoveTo(target)
                ? Results.Ok(new { clock = clock.Clock.GetUtcNow().ToString("O") })
                : Results.Problem(
                    $"the clock stands at {clock.Clock.GetUtcNow():O}; it never runs backwards",
                    statusCode: StatusCodes.Status409Conflict);
        });
        return app;
    }
}
