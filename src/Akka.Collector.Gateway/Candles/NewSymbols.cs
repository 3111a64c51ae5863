using Akka.Actor;
using Akka.Collector.Actors.Hosting;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Gateway.Universe;
using Akka.Collector.Store;
using Akka.Collector.Vendors;
using Akka.Hosting;
using Microsoft.AspNetCore.Http;

namespace Akka.Collector.Gateway.Candles;

/// <summary>
/// A chart for a symbol outside the universe asks the collection queue to onboard it: the
/// vendor check, then a backfill of every interval, the chart's first. Concurrent charts for
/// one new symbol share one onboarding. The answer: the data once the chart's interval is
/// in (within the stale wait), 202 with where to poll while it runs, 404 for a symbol the
/// vendor does not know, 429 past the onboarding caps. A symbol with stored bars is not new.
/// </summary>
internal static class NewSymbols
{
    // On top of the queue's own hold: the time for its answer to cross the cluster.
    private static readonly TimeSpan AnswerMargin = TimeSpan.FromSeconds(2);

    /// <summary>Null when the chart may go on to be served; else the answer to give.</summary>
    public static async Task<IResult?> CheckAsync(
        CandleRequest request, HttpContext http, UniverseView universe, ICandleStore store,
        IRequiredActor<QueueProxy> queue, GatewayOptions options, CancellationToken cancel)
    {
        var known = await universe.ContainsAsync(request.Symbol, cancel);
        if (known == true)
            return null;

        // Bars stored before (a symbol removed from the universe keeps them): its entity
        // serves it on demand, as for any stale chart, without joining the rounds again. A
        // symbol the vendor had nothing for has coverage but no bars: it is not served so.
        if (await store.ReadNewestAsync(request.Symbol, request.Interval, cancel) is not null)
            return null;

        // Whoever sends the request is the client the per-client cap counts.
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var hold = request.AllowStale ? TimeSpan.Zero : options.StaleWait;
        var ask = new QueueProtocol.Onboard(request.Symbol, request.Interval, client, false, hold);

        QueueProtocol.OnboardState state;
        try
        {
            var proxy = await queue.GetAsync(cancel);
            state = await proxy.Ask<QueueProtocol.OnboardState>(ask, hold + AnswerMargin, cancel);
        }
        catch (AskTimeoutException)
        {
            return Problems.QueueUnavailable(request);
        }

        return state.Outcome switch
        {
            OnboardOutcome.InUniverse or OnboardOutcome.Ready => null,
            OnboardOutcome.Unknown => Problems.UnknownSymbol(request, state.Detail),
            OnboardOutcome.Capped => Problems.OnboardingCapped(
                request, state.RetryAfter ?? TimeSpan.FromSeconds(60), state.Detail),
            OnboardOutcome.Failed => VendorFault(request, state.Detail),
            _ => Problems.Onboarding(
                request, http, state.RetryAfter ?? TimeSpan.FromSeconds(2), state.Detail),
        };
    }

    // "Kind: reason" from the queue, named as any vendor fault of a chart is.
    private static IResult VendorFault(CandleRequest request, string? detail)
    {
        var text = detail ?? "VendorDown: the backfill failed";
        var colon = text.IndexOf(':');
        var kind = colon > 0 && Enum.TryParse<FailureKind>(text[..colon], out var parsed)
            ? parsed
            : FailureKind.VendorDown;
        var reason = colon > 0 ? text[(colon + 1)..].Trim() : text;
        return Problems.VendorFault(request, kind, reason, newest: null);
    }
}
