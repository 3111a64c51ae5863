using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Gateway;
using Akka.Collector.Gateway.Candles;
using Akka.Collector.Vendors;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// The bound on a stale chart's wait: the fetch gets the stale-wait, the question "how far
/// is it?" after that gets a short ask, and nothing else waits. A symbol that never answers
/// at all must not hold the client past their sum (the old follow-up ask alone took 2 s).
/// </summary>
public sealed class SymbolWaitTests : IAsyncLifetime
{
    private static readonly GatewayOptions Options = new()
    {
        StaleWait = TimeSpan.FromMilliseconds(200),
        FreshnessAsk = TimeSpan.FromMilliseconds(250),
    };

    // Room for a busy machine to schedule the ask timeouts late, well short of 2 s.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    private readonly ActorSystem _system = ActorSystem.Create(nameof(SymbolWaitTests));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _system.Terminate();

    [Fact]
    public async Task A_symbol_that_never_answers_is_given_up_within_stale_wait_and_a_short_ask()
    {
        // arrange
        var asked = new ConcurrentQueue<object>();
        var silent = _system.ActorOf(Props.Create(() => new Silent(asked)));
        var request = new CandleRequest(
            Symbol.Parse("ZZZZ"), BarInterval.M5, null, null, 500, AllowStale: false);

        // act
        var watch = Stopwatch.StartNew();
        var outcome = await SymbolWait.CollectAsync(
            silent, request, NoonNode.Noon, Options);
        var took = watch.Elapsed;

        // assert: asked to collect, then how far it is; a timeout, within the bound
        var failed = Assert.IsType<SymbolWait.Outcome.Failed>(outcome);
        Assert.Equal(FailureKind.Timeout, failed.Kind);
        Assert.Collection(asked,
            m => Assert.IsType<SymbolProtocol.Collect>(m),
            m => Assert.IsType<SymbolProtocol.GetFreshness>(m));
        Assert.True(took >= Options.StaleWait, $"gave up after {took}, before the stale-wait");
        Assert.True(took < Options.StaleWait + Options.FreshnessAsk + Slack,
            $"took {took}; the bound is {Options.StaleWait + Options.FreshnessAsk}");
    }

    private sealed class Silent : ReceiveActor
    {
        public Silent(ConcurrentQueue<object> asked) => ReceiveAny(asked.Enqueue);
    }
}
