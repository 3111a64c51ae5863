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
using NodaTime;
using NodaTime.Extensions;
using NodaTime.Text;

namespace Akka.Collector.Gateway.Admin;

/// <summary>
/// The operator's side of collection, on the admin group: the universe (list, add, remove),
/// forced collections, the queue and the gaps. Adding a symbol here onboards it without
/// the charts' caps; removing one stops its rounds and keeps its stored bars.
/// </summary>
public static class CollectionEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);
    private const int ListLimit = 500;

    public static RouteGroupBuilder MapCollectionEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/symbols", ListSymbols);
        admin.MapPost("/symbols", AddSymbol);
        admin.MapDelete("/symbols/{symbol}", RemoveSymbol);
        admin.MapPost("/collect", CollectNow);
        admin.MapGet("/queue", ShowQueue);
        admin.MapGet("/gaps", ShowGaps);
        return admin;
    }

    private static async Task<IResult> ListSymbols(
        IRequiredActor<QueueProxy> queue, CancellationToken cancel)
    {
        var proxy = await queue.GetAsync(cancel);
        var universe = await proxy.Ask<QueueProtocol.Universe>(
            new QueueProtocol.GetUniverse(0), AskTimeout, cancel);
        var view = await proxy.Ask<QueueProtocol.QueueView>(
            new QueueProtocol.GetQueue(ListLimit), AskTimeout, cancel);

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
        SymbolBody body, IRequiredActor<QueueProxy> queue, CancellationToken cancel)
    {
        if (!Symbol.TryParse(body.Symbol ?? "", out var symbol, out var error))
            return Bad("symbol", error);

        var proxy = await queue.GetAsync(cancel);
        var state = await proxy.Ask<QueueProtocol.OnboardState>(
            new QueueProtocol.Onboard(symbol, BarInterval.M1, "admin", true, TimeSpan.Zero),
            AskTimeout, cancel);

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
        string symbol, IRequiredActor<QueueProxy> queue, CancellationToken cancel)
    {
        if (!Symbol.TryParse(symbol, out var parsed, out var error))
            return Bad("symbol", error);

        var proxy = await queue.GetAsync(cancel);
        var removed = await proxy.Ask<QueueProtocol.SymbolRemoved>(
            new QueueProtocol.RemoveSymbol(parsed), AskTimeout, cancel);

        return removed.Removed
            ? Results.Json(new { symbol = parsed.Value, removed = true })
            : Results.Problem(
                title: "Not in the universe",
                detail: $"{parsed} is neither collected nor being onboarded",
                statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CollectNow(
        CollectBody body, IRequiredActor<QueueProxy> queue, TimeProvider clock,
        CancellationToken cancel)
    {
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
            var now = clock.GetUtcNow().ToInstant();
            if (ParseTime(body.From) is not { } from)
                return Bad("from", "an ISO-8601 time such as 2026-12-03T14:30:00Z");
            var to = body.To is null ? now : ParseTime(body.To);
            if (to is not { } end || end <= from)
                return Bad("to", "an ISO-8601 time after from");
            range = new TimeRange(from, end < now ? end : now);
        }

        var proxy = await queue.GetAsync(cancel);
        var queued = await proxy.Ask<QueueProtocol.Enqueued>(
            new QueueProtocol.CollectNow(symbol, interval, range), AskTimeout, cancel);
        return Results.Json(
            new { queued = queued.Accepted, skipped = queued.Skipped },
            statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ShowQueue(
        IRequiredActor<QueueProxy> queue, CancellationToken cancel)
    {
        var proxy = await queue.GetAsync(cancel);
        var view = await proxy.Ask<QueueProtocol.QueueView>(
            new QueueProtocol.GetQueue(ListLimit), AskTimeout, cancel);

        return Results.Json(new
        {
            depth = view.Depth,
            running = view.Running.Select(Item),
            queued = view.Queued.Select(Item),
        });
    }

    private static async Task<IResult> ShowGaps(
        IRequiredActor<GapFillerProxy> filler, IRequiredActor<QueueProxy> queue,
        TimeProvider clock, CancellationToken cancel)
    {
        var gaps = await (await filler.GetAsync(cancel)).Ask<GapProtocol.Gaps>(
            new GapProtocol.GetGaps(ListLimit), AskTimeout, cancel);
        var view = await (await queue.GetAsync(cancel)).Ask<QueueProtocol.QueueView>(
            new QueueProtocol.GetQueue(ListLimit), AskTimeout, cancel);
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

    private static Instant? ParseTime(string? text)
    {
        if (text is null)
            return null;

        var parsed = InstantPattern.ExtendedIso.Parse(text.Trim());
        return parsed.Success ? parsed.Value : null;
    }

    private static IResult Bad(string parameter, string detail) =>
        Problems.BadParameter(new Candles.ParameterError(parameter, detail));

    public sealed record SymbolBody(string? Symbol);

    public sealed record CollectBody(string? Symbol, string? Interval, string? From, string? To);
}
