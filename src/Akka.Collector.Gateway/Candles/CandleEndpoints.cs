using Akka.Collector.Actors;
using Akka.Collector.Actors.Hosting;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Gateway.Universe;
using Akka.Collector.Store;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Extensions;

namespace Akka.Collector.Gateway.Candles;

/// <summary>
/// GET /api/v1/candles/{symbol}. Fresh data answers 200 at once. Stale data makes the
/// symbol's entity collect now and the request waits a bounded time: 200 if the bars arrive,
/// 503 with an honest Retry-After while the fetch is still in flight, 502/504 naming the
/// vendor fault when it failed. allowStale=true answers from the store without waiting.
/// A 200 carries an ETag and may be cached until its interval's next round (see
/// <see cref="CandleCaching"/>); every other answer is no-store.
/// </summary>
public static class CandleEndpoints
{
    public static IEndpointRouteBuilder MapCandleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/candles/{symbol}", GetCandles);
        return app;
    }

    private static async Task<IResult> GetCandles(
        string symbol,
        HttpRequest http,
        ICandleStore store,
        BarGrid grid,
        TimeProvider clock,
        CollectionSettings settings,
        GatewayOptions options,
        IRequiredActor<SymbolRegion> region,
        IRequiredActor<QueueProxy> queue,
        UniverseView universe,
        CancellationToken cancel)
    {
        // Only a 200 may be cached, and it says so itself; every other answer describes a
        // moment (an error, a fetch in flight), so none is kept by a browser or a proxy.
        http.HttpContext.Response.Headers.CacheControl = CandleCaching.NoStore;

        var q = http.Query;
        var now = clock.GetUtcNow().ToInstant();
        var (request, error) = CandleRequest.Parse(
            symbol, q["interval"], q["from"], q["to"], q["limit"], q["allowStale"], options, now);
        if (request is null)
            return Problems.BadParameter(error!);

        // The client's window first: a from or to outside the calendar is its own mistake,
        // whatever state the node is in.
        if (request.OutsideCalendar(grid.Calendar) is { } outside)
            return Problems.BadParameter(outside);

        if (CalendarCoverage.ProblemAt(grid.Calendar, now) is { } exhausted)
            return Problems.CalendarExhausted(exhausted);

        Instant required;
        bool history;
        try
        {
            var horizon = request.To is { } to && to < now - settings.SettleDelay
                ? to
                : now - settings.SettleDelay;
            required = grid.LatestClosed(horizon, request.Interval).End;

            // A chart ending before the backfill window is history that is not fetched on
            // demand. Asking the entity to collect up to it fetches nothing and would leave
            // that old end as the watermark, so the next fetch reached back to it: unbounded.
            history = required <= grid.BackfillStart(
                now, settings.BackfillSessionsFor(request.Interval));
        }
        catch (CalendarOutOfRangeException) when (FirstBarEnd(grid, request.Interval) is { } first
                                                  && request.To < first)
        {
            // The client's own 'to' lies before the calendar's first bar: nothing was ever
            // collected there and nothing will be, so a 503 (retry later) would be a lie.
            return Problems.BadParameter(new ParameterError("to",
                $"to ({request.To}) is before the first {request.Interval} bar the market " +
                $"calendar holds, which ends at {first}"));
        }
        catch (CalendarOutOfRangeException e)
        {
            // The clock is on a covered date yet no bar has closed before it (the calendar's
            // first morning): still nothing a client can fix.
            return Problems.CalendarExhausted(
                $"{e.Message}. Operator action needed: check the clock or the calendar file");
        }

        // A symbol outside the universe is onboarded first (or refused: unknown, capped).
        if (await NewSymbols.CheckAsync(
                request, http.HttpContext, universe, store, queue, options, cancel) is { } notYet)
            return notYet;

        var symbols = await region.GetAsync(cancel);
        var outcome = request.AllowStale || history
            ? await SymbolWait.PeekAsync(symbols, request, options)
            : await SymbolWait.CollectAsync(symbols, request, required, options);

        return outcome switch
        {
            SymbolWait.Outcome.Ready ready => CandleCaching.Answer(
                http.HttpContext,
                await WithHistoryAsync(
                    await BuildAsync(
                        request, ready.Watermark, required, store, grid, clock, settings,
                        cancel),
                    request, required, store, grid, settings, now, queue, cancel),
                request.Interval, grid, clock, settings),
            SymbolWait.Outcome.InFlight wait => Problems.StillFetching(
                request, wait.RetryAfter, await NewestAsync(request, store, grid, clock, cancel)),
            SymbolWait.Outcome.Failed failed => Problems.VendorFault(
                request, failed.Kind, failed.Reason,
                await NewestAsync(request, store, grid, clock, cancel)),
            _ => throw new InvalidOperationException($"unexpected outcome {outcome}"),
        };
    }

    private static async Task<CandleResponse> BuildAsync(
        CandleRequest request, Instant? watermark, Instant required, ICandleStore store,
        BarGrid grid, TimeProvider clock, CollectionSettings settings, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().ToInstant();
        var from = request.From ?? Instant.FromUnixTimeMilliseconds(0);

        // Never a bar that has not closed on this node's clock, even if the store holds one
        // (a store filled by an earlier run whose clock was later).
        var to = Min(request.To ?? Instant.MaxValue, grid.LatestClosed(now, request.Interval).End);
        var bars = from < to
            ? await store.ReadAsync(
                request.Symbol, request.Interval, from, to, request.Limit, cancel)
            : [];

        var lastFinal = true;
        double? age = null;
        if (bars.Count > 0)
        {
            var end = EndOf(bars[^1], request, grid);
            lastFinal = end + settings.FinalGrace <= now;
            age = (now - end).TotalSeconds;
        }

        return new CandleResponse(
            request.Symbol.Value,
            request.Interval.Name,
            grid.Calendar.Zone.Id,
            Fresh: watermark is { } mark && mark >= required,
            CollectedUpTo: watermark?.ToString(),
            lastFinal,
            age,
            [.. bars.Select(ToDto)]);
    }

    // What of the window was ever fetched: a window ending before the stored history is not
    // fresh however far the watermark reaches, and a from before it queues the history.
    private static async Task<CandleResponse> WithHistoryAsync(
        CandleResponse chart, CandleRequest request, Instant required, ICandleStore store,
        BarGrid grid, CollectionSettings settings, Instant now, IRequiredActor<QueueProxy> queue,
        CancellationToken cancel)
    {
        var covered = await store.ReadCoverageAsync(request.Symbol, request.Interval, cancel);
        var reached = covered.Count > 0 && covered[0].From < required;
        var history = HistoryGap.Check(
            request, covered, grid, settings, now, await queue.GetAsync(cancel));
        return chart with { Fresh = chart.Fresh && reached, History = history };
    }

    private static async Task<NewestBar?> NewestAsync(
        CandleRequest request, ICandleStore store, BarGrid grid, TimeProvider clock,
        CancellationToken cancel)
    {
        var newest = await store.ReadNewestAsync(request.Symbol, request.Interval, cancel);
        if (newest is not { } bar)
            return null;

        var age = (clock.GetUtcNow().ToInstant() - EndOf(bar, request, grid)).TotalSeconds;
        return new NewestBar(ToDto(bar), age);
    }

    private static Instant? FirstBarEnd(BarGrid grid, BarInterval interval) =>
        grid.Calendar.Sessions.Count == 0
            ? null
            : grid.SlotsOf(grid.Calendar.Sessions[0], interval).First().End;

    private static Instant EndOf(Candle bar, CandleRequest request, BarGrid grid) =>
        grid.SlotContaining(bar.Start, request.Interval)?.End ?? bar.Start + request.Interval.Width;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    internal static CandleDto ToDto(Candle c) => new(
        c.Start.ToString(), c.Start.ToUnixTimeMilliseconds(),
        c.Open, c.High, c.Low, c.Close, c.Volume);
}

/// <summary>The newest stored bar and its age, sent with every non-200 chart answer.</summary>
public sealed record NewestBar(CandleDto Bar, double AgeSeconds);
