using Akka.Actor;
using Akka.Collector.Actors;
using Akka.Collector.Actors.Hosting;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Store;
using Akka.Collector.Vendors;
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
        CancellationToken cancel)
    {
        var q = http.Query;
        var (request, error) = CandleRequest.Parse(
            symbol, q["interval"], q["from"], q["to"], q["limit"], q["allowStale"], options);
        if (request is null)
            return Problems.BadParameter(error!);

        var now = clock.GetUtcNow().ToInstant();
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
            return Problems.CalendarUnavailable(e.Message);
        }

        var symbols = await region.GetAsync(cancel);
        var outcome = request.AllowStale || history
            ? await PeekAsync(symbols, request, options)
            : await CollectAsync(symbols, request, required, options);

        return outcome switch
        {
            Outcome.Ready ready => Results.Json(
                await BuildAsync(request, ready.Watermark, required, store, grid, clock, settings, cancel)),
            Outcome.InFlight wait => Problems.StillFetching(
                request, wait.RetryAfter, await NewestAsync(request, store, grid, clock, cancel)),
            Outcome.Failed failed => Problems.VendorFault(
                request, failed.Kind, failed.Reason, await NewestAsync(request, store, grid, clock, cancel)),
            _ => throw new InvalidOperationException($"unexpected outcome {outcome}"),
        };
    }

    private static async Task<Outcome> CollectAsync(
        IActorRef symbols, CandleRequest request, Instant required, GatewayOptions options)
    {
        var collect = new SymbolProtocol.Collect(request.Symbol, request.Interval, required, RoundId: 0);
        try
        {
            var answer = await symbols.Ask<ICollectorMessage>(collect, options.StaleWait);
            return answer switch
            {
                SymbolProtocol.Collected done => new Outcome.Ready(done.Watermark),
                SymbolProtocol.CollectFailed failed => new Outcome.Failed(failed.Kind, failed.Reason),
                _ => new Outcome.Failed(FailureKind.VendorDown, $"unexpected answer {answer.GetType().Name}"),
            };
        }
        catch (AskTimeoutException)
        {
            // The wait ran out. Say how long the fetch in flight should still take; if it has
            // just finished, answer with the data instead of sending the client away.
            var freshness = await AskFreshnessAsync(symbols, request);
            if (freshness?.Watermark is { } mark && mark >= required)
                return new Outcome.Ready(mark);
            if (freshness?.InFlightTo is not null)
                return new Outcome.InFlight(freshness.ExpectedDoneIn ?? TimeSpan.FromSeconds(1));

            return new Outcome.Failed(FailureKind.Timeout,
                freshness?.LastFailure ?? "the symbol did not answer in time");
        }
    }

    private static async Task<Outcome> PeekAsync(
        IActorRef symbols, CandleRequest request, GatewayOptions options)
    {
        var freshness = await AskFreshnessAsync(symbols, request);
        return new Outcome.Ready(freshness?.Watermark);
    }

    private static async Task<SymbolProtocol.Freshness?> AskFreshnessAsync(
        IActorRef symbols, CandleRequest request)
    {
        try
        {
            return await symbols.Ask<SymbolProtocol.Freshness>(
                new SymbolProtocol.GetFreshness(request.Symbol, request.Interval), TimeSpan.FromSeconds(2));
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private static async Task<CandleResponse> BuildAsync(
        CandleRequest request, Instant? watermark, Instant required, ICandleStore store, BarGrid grid,
        TimeProvider clock, CollectionSettings settings, CancellationToken cancel)
    {
        var from = request.From ?? Instant.FromUnixTimeMilliseconds(0);
        var to = request.To ?? Instant.MaxValue;
        var bars = await store.ReadAsync(request.Symbol, request.Interval, from, to, request.Limit, cancel);

        var now = clock.GetUtcNow().ToInstant();
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

    private static async Task<NewestBar?> NewestAsync(
        CandleRequest request, ICandleStore store, BarGrid grid, TimeProvider clock, CancellationToken cancel)
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

    internal static CandleDto ToDto(Candle c) => new(
        c.Start.ToString(), c.Start.ToUnixTimeMilliseconds(), c.Open, c.High, c.Low, c.Close, c.Volume);

    private abstract record Outcome
    {
        public sealed record Ready(Instant? Watermark) : Outcome;

        public sealed record InFlight(TimeSpan RetryAfter) : Outcome;

        public sealed record Failed(FailureKind Kind, string Reason) : Outcome;
    }
}

/// <summary>The newest stored bar and its age, sent with every non-200 chart answer.</summary>
public sealed record NewestBar(CandleDto Bar, double AgeSeconds);
