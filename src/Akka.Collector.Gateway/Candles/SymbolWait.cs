using Akka.Actor;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Vendors;
using NodaTime;

namespace Akka.Collector.Gateway.Candles;

/// <summary>
/// What a chart request asks the symbol's entity, and how long it waits. A stale chart waits
/// <see cref="GatewayOptions.StaleWait"/> for the fetch, then at most
/// <see cref="GatewayOptions.FreshnessAsk"/> for how far that fetch is: the answer comes
/// within their sum whatever the entity does (plus the store read of the newest bar).
/// </summary>
internal static class SymbolWait
{
    // Takes at most StaleWait + FreshnessAsk: the README promises that bound.
    public static async Task<Outcome> CollectAsync(
        IActorRef symbols, CandleRequest request, Instant required, GatewayOptions options)
    {
        var collect = new SymbolProtocol.Collect(
            request.Symbol, request.Interval, required, RoundId: 0);
        try
        {
            var answer = await symbols.Ask<ICollectorMessage>(collect, options.StaleWait);
            return answer switch
            {
                SymbolProtocol.Collected done => new Outcome.Ready(done.Watermark),
                SymbolProtocol.CollectFailed failed =>
                    new Outcome.Failed(failed.Kind, failed.Reason),
                _ => new Outcome.Failed(
                    FailureKind.VendorDown, $"unexpected answer {answer.GetType().Name}"),
            };
        }
        catch (AskTimeoutException)
        {
            // The wait ran out. Say how long the fetch in flight should still take; if it has
            // just finished, answer with the data instead of sending the client away. A short
            // question: the client has waited the whole stale-wait already.
            var freshness = await AskFreshnessAsync(symbols, request, options.FreshnessAsk);
            if (freshness?.Watermark is { } mark && mark >= required)
                return new Outcome.Ready(mark);
            if (freshness?.InFlightTo is not null)
                return new Outcome.InFlight(freshness.ExpectedDoneIn ?? TimeSpan.FromSeconds(1));

            return new Outcome.Failed(FailureKind.Timeout,
                freshness?.LastFailure ?? "the symbol did not answer in time");
        }
    }

    // No fetch to wait for, but a symbol's entity may be loading its watermarks from the
    // store: give it the stale-wait, the same bound as every other chart answer.
    public static async Task<Outcome> PeekAsync(
        IActorRef symbols, CandleRequest request, GatewayOptions options)
    {
        var freshness = await AskFreshnessAsync(symbols, request, options.StaleWait);
        return new Outcome.Ready(freshness?.Watermark);
    }

    private static async Task<SymbolProtocol.Freshness?> AskFreshnessAsync(
        IActorRef symbols, CandleRequest request, TimeSpan timeout)
    {
        try
        {
            return await symbols.Ask<SymbolProtocol.Freshness>(
                new SymbolProtocol.GetFreshness(request.Symbol, request.Interval), timeout);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    public abstract record Outcome
    {
        public sealed record Ready(Instant? Watermark) : Outcome;

        public sealed record InFlight(TimeSpan RetryAfter) : Outcome;

        public sealed record Failed(FailureKind Kind, string Reason) : Outcome;
    }
}
