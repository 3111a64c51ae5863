using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Akka.Collector.Gateway.Admin;

/// <summary>
/// The bearer-token check in front of every admin endpoint. The token is compared in
/// constant time over fixed-length digests, so neither its content nor its length leaks
/// through response timing. Without a configured token the admin API is off.
/// </summary>
internal static class AdminToken
{
    private const string Scheme = "Bearer ";

    public static async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var options = context.RequestServices.GetRequiredService<GatewayOptions>();
        var refusal = Check(options.AdminToken, context.Request.Headers.Authorization);
        if (refusal is null)
        {
            await next(context);
            return;
        }

        var log = context.RequestServices.GetRequiredService<ILoggerFactory>()
            .CreateLogger("Akka.Collector.Gateway.Admin");
        log.LogWarning(
            "Refused admin call {Method} {Path} from {Remote}: {Reason}",
            context.Request.Method, context.Request.Path,
            context.Connection.RemoteIpAddress, refusal.Value.Title);

        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"collector-admin\"";
        await Results.Problem(
                title: refusal.Value.Title,
                detail: refusal.Value.Detail,
                statusCode: StatusCodes.Status401Unauthorized)
            .ExecuteAsync(context);
    }

    /// <summary>Null when the header carries the configured token; else why not.</summary>
    internal static (string Title, string Detail)? Check(string? token, string? header)
    {
        if (string.IsNullOrEmpty(token))
            return ("Admin API is disabled",
                "No admin token is configured on this node. Set collector.admin.token or " +
                "COLLECTOR_ADMIN_TOKEN and restart the node to enable the admin API.");

        if (string.IsNullOrEmpty(header) ||
            !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return ("Admin token required",
                "Send the node's admin token as 'Authorization: Bearer <token>'.");

        var given = header[Scheme.Length..].Trim();
        return Matches(token, given)
            ? null
            : ("Admin token rejected", "The bearer token does not match this node's admin token.");
    }

    private static bool Matches(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
