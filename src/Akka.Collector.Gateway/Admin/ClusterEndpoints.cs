using Akka.Actor;
using Akka.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Akka.Collector.Gateway.Admin;

/// <summary>
/// Cluster membership as this node sees it, and the two operator actions Petabridge.Cmd
/// users know: make a member leave gracefully, and down the members that are unreachable.
/// </summary>
public static class ClusterEndpoints
{
    public static RouteGroupBuilder MapClusterEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/cluster", Show);
        admin.MapPost("/cluster/leave", Leave);
        admin.MapPost("/cluster/down-unreachable", DownUnreachable);
        return admin;
    }

    public sealed record LeaveRequest(string? Address);

    private static IResult Show(ActorSystem system)
    {
        var cluster = Cluster.Cluster.Get(system);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();

        return Results.Json(new
        {
            self = cluster.SelfAddress.ToString(),
            leader = state.Leader?.ToString(),
            members = state.Members.Select(m => new
            {
                address = m.Address.ToString(),
                status = m.Status.ToString(),
                roles = m.Roles.OrderBy(r => r, StringComparer.Ordinal).ToList(),
                reachable = !unreachable.Contains(m.Address),
            }).ToList(),
            unreachable = unreachable.Select(a => a.ToString()).ToList(),
        });
    }

    private static IResult Leave(LeaveRequest? request, ActorSystem system, ILoggerFactory logs)
    {
        if (string.IsNullOrWhiteSpace(request?.Address))
            return BadAddress(
                request?.Address, "the body must be {\"address\": \"akka.tcp://...\"}");

        Address address;
        try
        {
            address = Address.Parse(request.Address.Trim());
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            return BadAddress(request.Address, "expected akka.tcp://system@host:port");
        }

        var cluster = Cluster.Cluster.Get(system);
        if (!cluster.State.Members.Any(m => m.Address == address))
        {
            return Results.Problem(
                title: "No such member",
                detail: $"{address} is not a member of this cluster; 'cluster show' lists them.",
                statusCode: StatusCodes.Status404NotFound);
        }

        // Leaving hands the member's shards and singletons to the others, then it stops.
        Logger(logs).LogWarning("Admin asked {Address} to leave the cluster", address);
        cluster.Leave(address);
        return Results.Accepted(value: new { address = address.ToString(), leaving = true });
    }

    private static IResult DownUnreachable(ActorSystem system, ILoggerFactory logs)
    {
        var cluster = Cluster.Cluster.Get(system);
        var unreachable = cluster.State.Unreachable.Select(m => m.Address).ToList();

        // Only for members that are gone for good: a downed member cannot come back without a
        // restart, and downing a live one splits the cluster.
        foreach (var address in unreachable)
        {
            Logger(logs).LogWarning("Admin downed unreachable member {Address}", address);
            cluster.Down(address);
        }

        return Results.Ok(new { downed = unreachable.Select(a => a.ToString()).ToList() });
    }

    private static IResult BadAddress(string? value, string expected) => Results.Problem(
        title: "Invalid parameter 'address'",
        detail: $"'{value}' is not a member address: {expected}",
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["parameter"] = "address" });

    private static ILogger Logger(ILoggerFactory logs) =>
        logs.CreateLogger("Akka.Collector.Gateway.Admin");
}
