using Akka.Actor;
using Akka.Collector.Actors;
using Akka.Collector.Actors.Budget;
using Akka.Collector.Actors.Intervals;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Gateway.Universe;
using Akka.Collector.Vendors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Extensions;

namespace Akka.Collector.Gateway.Status;

/// <summary>GET /api/v1/status: how every interval's rounds are going, for people and
/// probes.</summary>
public static class StatusEndpoints
{
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/status", GetStatus);
        return app;
    }

    private static async Task<IResult> GetStatus(
        IntervalDirectory intervals,
        BarGrid grid,
        TimeProvider clock,
        CollectionSettings settings,
        IBarSource vendor,
        CapacityPlanner planner,
        UniverseView universe,
        CancellationToken cancel)
    {
        var plan = planner.Current;

        // The queue's universe, not the configured list: symbols added or removed at run
        // time count, also those a restart recovered. The plan's own count follows it within
        // the budget keeper's next look (capacity below).
        var symbols = await universe.CountAsync(cancel) ?? plan.Symbols;
        var now = clock.GetUtcNow().ToInstant();
        var asks = BarInterval.All.Select(i => AskAsync(intervals, i)).ToList();
        var statuses = await Task.WhenAll(asks);

        var rows = BarInterval.All.Zip(
            statuses, (interval, status) => ToRow(interval, status, now, grid, settings));
        return Results.Json(new
        {
            clock = now.ToString(),
            vendor = vendor.Name,
            universe = symbols,
            calendarDaysLeft = grid.Calendar.DaysOfDataLeft(now),
            capacity = new
            {
                budgetPerMinute = plan.IsUnlimited ? (double?)null : plan.BudgetPerMinute,
                neededPerMinute = plan.NeededPerMinute,
                shortfallPerMinute = plan.Shortfall,
                collectorNodes = plan.Nodes,
                degraded = plan.Degraded.Select(i => i.Name).ToList(),
            },
            intervals = rows.ToList(),
        });
    }

    private static async Task<IntervalProtocol.Status?> AskAsync(
        IntervalDirectory intervals, BarInterval interval)
    {
        try
        {
            return await intervals.For(interval)
                .Ask<IntervalProtocol.Status>(
                    new IntervalProtocol.GetStatus(interval), TimeSpan.FromSeconds(3));
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private static object ToRow(
        BarInterval interval, IntervalProtocol.Status? status, Instant now, BarGrid grid,
        CollectionSettings settings)
    {
        if (status is null)
            return new
            {
                interval = interval.Name,
                problem = "collector did not answer within 3 s"
            };

        // Lag runs from the newest bar end a round reached with every symbol collected: a
        // round with failures moves nothing, so failing rounds show as growing lag, never 0.
        // Null until such a round has ended.
        double? lagSeconds = null;
        try
        {
            var latest = grid.LatestClosed(now - settings.SettleDelay, interval).End;
            if (status.CompleteUpTo is { } complete)
                lagSeconds = Math.Max(0, (latest - complete).TotalSeconds);
        }
        catch (CalendarOutOfRangeException)
        {
            // The problem field already says the calendar ran out.
        }

        var last = status.LastRound;
        return new
        {
            interval = interval.Name,
            lastRound = last is null ? null : new
            {
                id = last.RoundId,
                upTo = last.UpTo.ToString(),
                started = last.StartedAt.ToString(),
                ended = last.EndedAt.ToString(),
                durationMs = last.Duration.TotalMilliseconds,
                symbolsDone = last.SymbolsDone,
                symbolsFailed = last.SymbolsFailed,
                timedOut = last.TimedOut,
                failures = last.Failures,
            },
            runningSince = status.RunningSince?.ToString(),
            roundsStarted = status.RoundsStarted,
            ticksCoalesced = status.TicksCoalesced,
            nextRoundAt = status.NextTickAt?.ToString(),
            completeUpTo = status.CompleteUpTo?.ToString(),
            lagSeconds,
            degraded = status.Degraded,
            ticksSkippedForBudget = status.TicksSkipped,
            problem = Problem(status, last),
        };
    }

    // Rounds that cannot be scheduled say so first; else the newest round's failures, so a
    // node whose vendor refuses every symbol never reads as healthy.
    private static string? Problem(
        IntervalProtocol.Status status, IntervalProtocol.RoundReport? last) =>
        status.Problem ?? (last is { SymbolsFailed: > 0 }
            ? last.Failures ?? $"{last.SymbolsFailed} symbols failed"
            : null);
}
