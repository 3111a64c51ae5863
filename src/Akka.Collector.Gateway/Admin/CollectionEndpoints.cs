using Akka.Actor;
using Akka.Collector.Actors.Hosting;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Akka.Collector.Gateway.Candles;
using NodaTime.Extensions;
using System.Text.Json.Serialization;

namespace Akka.Collector.Gateway.Admin;

/// <summary>
/// The operator's side of collection, on the admin group: the universe (list, add, remove),
/// forced collections, the queue and the gaps. Adding a symbol here onboards it without
/// the charts' caps; removing one stops its rounds and keeps its stored bars.
/// </summary>
public static class CollectionEndpoints
{
    private const int ListLimit = 500;
    private const string Queue = "the collection queue";
    private const string Filler = "the gap filler";

    public static RouteGroupBuilder MapCollectionEndpoints(this RouteGroupBuilder admin)
    {
        // A group of their own, so the singletons' unavailability filter wraps only them.
        var collection = admin.MapGroup("").AddEndpointFilter(SingletonAsk.Filter);
        collection.MapGet("/symbols", ListSymbols);
        collection.MapPost("/symbols", AddSymbol);
        collection.MapDelete("/symbols/{symbol}", RemoveSymbol);
        collection.MapPost("/collect", CollectNow);
        collection.MapGet("/queue", ShowQueue);
        collection.MapGet("/gaps", ShowGaps);
        return admin;
    }

    private static async Task<IResult> ListSymbols(
        ActorSystem system, IRequiredActor<QueueProxy> queue, CancellationToken cancel)
    {
        var universe = await system.AskAsync<QueueProtocol.Universe>(
            queue.GetAsync(cancel), new QueueProtocol.GetUniverse(0), Queue, cancel);
        var view = await system.AskAsync<QueueProtocol.QueueView>(
            queue.GetAsync(cancel), new QueueProtocol.GetQueue(ListLimit), Queue, cancel);

        return Results.Json(new
        {
            universe = (universe.Symbols ?? []).Select(s => s.Value),
            onboarding = view.Onboarding.Select(o => new
            {
                symbol = o.Symbol.Value,
                state = o.Checked
                    ? $"backfilling ({o.Pending.Count} intervals left)"
                    : "checking with the vendor",
                startedAt = o.StartedAt.ToString(),
            }),
        });
    }

    private static async Task<IResult> AddSymbol(
        HttpRequest request, ActorSystem system, IRequiredActor<QueueProxy> queue,
        CancellationToken cancel)
    {
        var (body, refusal) = await AdminBody.ReadAsync<SymbolBody>(request, cancel);
        if (body is null)
            return refusal!;
        if (!Symbol.TryParse(body.Symbol ?? "", out var symbol, out var error))
            return Bad("symbol", error);

        var state = await system.AskAsync<QueueProtocol.OnboardState>(queue.GetAsync(cancel),
            new QueueProtocol.Onboard(symbol, BarInterval.M1, "admin", true, TimeSpan.Zero),
            Queue, cancel);

        return state.Outcome switch
        {
            OnboardOutcome.InUniverse =>
                Results.Json(new { symbol = symbol.Value, state = "in-universe" }),
            OnboardOutcome.Unknown => Results.Problem(
                title: "Unknown symbol",
                detail: $"{symbol} was not added: {state.Detail}",
                statusCode: StatusCodes.Status404NotFound),
            _ => Results.Json(
                new { symbol = symbol.Value, state = "onboarding" },
                statusCode: StatusCodes.Status202Accepted),
        };
    }

    private static async Task<IResult> RemoveSymbol(
        string symbol, ActorSystem system, IRequiredActor<QueueProxy> queue,
        CancellationToken cancel)
    {
        if (!Symbol.TryParse(symbol, out var parsed, out var error))
            return Bad("symbol", error);

        var removed = await system.AskAsync<QueueProtocol.SymbolRemoved>(queue.GetAsync(cancel),
            new QueueProtocol.RemoveSymbol(parsed), Queue, cancel);

        return removed.Removed
            ? Results.Json(new { symbol = parsed.Value, removed = true })
            : Results.Problem(
                title: "Not in the universe",
                detail: $"{parsed} is neither collected nor being onboarded",
                statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CollectNow(
        HttpRequest request, ActorSystem system, IRequiredActor<QueueProxy> queue,
        TimeProvider clock, CancellationToken cancel)
    {
        var (body, refusal) = await AdminBody.ReadAsync<CollectBody>(request, cancel);
        if (body is null)
            return refusal!;

        if (!BarInterval.TryParse(body.Interval, out var interval, out var intervalError))
            return Bad("interval", intervalError);

        Symbol? symbol = null;
        if (body.Symbol is { } text)
        {
            if (!Symbol.TryParse(text, out var parsed, out var symbolError))
                return Bad("symbol", symbolError);
            symbol = parsed;
        }

        TimeRange? range = null;
        if (body.From is not null || body.To is not null)
        {
            // Times as the charts take them: ISO-8601 with Z or an offset, or epoch ms.
            var now = clock.GetUtcNow().ToInstant();
            var (from, fromError) = CandleRequest.ParseTime("from", body.From);
            var (to, toError) = CandleRequest.ParseTime("to", body.To);
            if ((fromError ?? toError) is { } timeError)
                return Problems.BadParameter(timeError);
            if (from is not { } start)
                return Bad("from", "needed with to: an ISO-8601 time such as 2026-12-03T14:30Z");
            if (start >= now)
                return Bad("from", $"{start} is not before now ({now}): nothing has closed");
            var end = to is { } given && given < now ? given : now;
            if (end <= start)
                return Bad("to", $"{end} is not after from ({start})");
            range = new TimeRange(start, end);
        }

        var queued = await system.AskAsync<QueueProtocol.Enqueued>(queue.GetAsync(cancel),
            new QueueProtocol.CollectNow(symbol, interval, range), Queue, cancel);
        return Results.Json(
            new { queued = queued.Accepted, skipped = queued.Skipped },
            statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ShowQueue(
        ActorSystem system, IRequiredActor<QueueProxy> queue, CancellationToken cancel)
    {
        var view = await system.AskAsync<QueueProtocol.QueueView>(
            queue.GetAsync(cancel), new QueueProtocol.GetQueue(ListLimit), Queue, cancel);

        return Results.Json(new
        {
            depth = view.Depth,
            running = view.Running.Select(Item),
            queued = view.Queued.Select(Item),
        });
    }

    private static async Task<IResult> ShowGaps(
        ActorSystem system, IRequiredActor<GapFillerProxy> filler,
        IRequiredActor<QueueProxy> queue, TimeProvider clock, CancellationToken cancel)
    {
        var gaps = await system.AskAsync<GapProtocol.Gaps>(
            filler.GetAsync(cancel), new GapProtocol.GetGaps(ListLimit), Filler, cancel);
        var view = await system.AskAsync<QueueProtocol.QueueView>(
            queue.GetAsync(cancel), new QueueProtocol.GetQueue(ListLimit), Queue, cancel);
        var now = clock.GetUtcNow().ToInstant();

        return Results.Json(new
        {
            open = gaps.Open.Select(g => new
            {
                symbol = g.Symbol.Value,
                interval = g.Interval.Name,
                from = g.Range.From.ToString(),
                to = g.Range.To.ToString(),
                reason = "not covered by any fetch (a failed or missed fetch)",
                firstSeen = g.FirstSeen.ToString(),
            }),
            openTotal = gaps.Total,
            quarantined = view.Quarantined.Select(q => new
            {
                symbol = q.Symbol.Value,
                interval = q.Interval.Name,
                from = q.Range.From.ToString(),
                to = q.Range.To.ToString(),
                reason = q.Reason,
                tries = q.Tries,
                retryAt = q.RetryAt.ToString(),
            }),
            oldestGapAgeSeconds = gaps.Open.Count == 0
                ? 0
                : (now - gaps.Open.Min(g => g.FirstSeen)).TotalSeconds,
            lastPass = gaps.LastPass?.ToString(),
        });
    }

    private static object Item(WorkItem item) => new
    {
        id = item.Id,
        symbol = item.Symbol.Value,
        interval = item.Interval.Name,
        from = item.Range.From.ToString(),
        to = item.Range.To.ToString(),
        priority = WorkPriority.Of(item.Kinds),
        kind = WorkPriority.Name(item.Kinds),
        attempts = item.Attempts,
        notBefore = item.NotBefore?.ToString(),
        lastFailure = item.LastFailure,
    };

    private static IResult Bad(string parameter, string detail) =>
        Problems.BadParameter(new Candles.ParameterError(parameter, detail));

    public sealed record SymbolBody(string? Symbol);

    public sealed record CollectBody(
        string? Symbol,
        string? Interval,
        [property: JsonConverter(typeof(TextOrNumberConverter))] string? From,
        [property: JsonConverter(typeof(TextOrNumberConverter))] string? To);
}
