using Akka.Actor;
using Akka.Cluster;
using Akka.Collector.Actors.Hosting;
using Microsoft.AspNetCore.Http;

namespace Akka.Collector.Gateway.Admin;

/// <summary>
/// Asking a collector singleton (the collection queue, the gap filler) from an admin endpoint.
/// They run only on an Up collector node; without one their proxy keeps the question and the
/// ask ends in a timeout, which a caller would see as a bare 500. Both cases become a problem
/// that names the cause: 503 when this node sees no collector Up, 504 when the singleton did
/// not answer in time (it is starting, or moving to another node).
/// </summary>
public static class SingletonAsk
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <param name="what">The singleton, for the problem: "the collection queue".</param>
    public static async Task<T> AskAsync<T>(
        this ActorSystem system, Task<IActorRef> proxy, object question, string what,
        CancellationToken cancel)
    {
        var state = Cluster.Cluster.Get(system).State;
        if (!state.Members.Any(m =>
                m.Status == MemberStatus.Up && m.HasRole(CollectorHosting.CollectorRole)))
            throw new SingletonUnavailable(StatusCodes.Status503ServiceUnavailable,
                "No collector node is up",
                $"{what} runs on a node with the '{CollectorHosting.CollectorRole}' role and " +
                "this node sees none Up; start one or check `collectorctl cluster show`");

        try
        {
            return await (await proxy).Ask<T>(question, Timeout, cancel);
        }
        catch (AskTimeoutException)
        {
            throw new SingletonUnavailable(StatusCodes.Status504GatewayTimeout,
                "No answer in time",
                $"{what} did not answer within {Timeout.TotalSeconds:0} s; it may be " +
                "starting or moving to another node; try again");
        }
    }

    /// <summary>Turns <see cref="SingletonUnavailable"/> into its problem.</summary>
    public static async ValueTask<object?> Filter(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (SingletonUnavailable e)
        {
            return Results.Problem(title: e.Title, detail: e.Message, statusCode: e.Status);
        }
    }

    public sealed class SingletonUnavailable(int status, string title, string detail)
        : Exception(detail)
    {
        public int Status { get; } = status;

        public string Title { get; } = title;
    }
}
