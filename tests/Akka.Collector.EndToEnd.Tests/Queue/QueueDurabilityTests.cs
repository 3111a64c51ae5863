using Akka.Actor;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Queue;

/// <summary>
/// The queue is journaled: work queued or running when a node stops runs after the restart;
/// a range the vendor always answers with broken data ends quarantined after a bounded
/// number of tries, not fetched in a loop.
/// </summary>
public sealed class QueueDurabilityTests : IDisposable
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");

    private readonly StoreFolder _store = new("queue");

    [Fact]
    public async Task Work_running_when_the_node_stops_completes_after_the_restart()
    {
        // arrange: a forced 5m collection of a week-old session, whose vendor call hangs
        TimeRange old;
        await using (var first = await StartAsync(v => v.HangWhen(r => r.Symbols.Contains(Aapl)
                         && r.Range.To <= NoonNode.Noon - Duration.FromDays(3))))
        {
            old = OldSession(first);
            var queued = await AskAsync<QueueProtocol.Enqueued>(
                first, new QueueProtocol.CollectNow(Aapl, BarInterval.M5, old));
            Assert.Equal(1, queued.Accepted);
            await WaitRunningAsync(first);
        }

        // act: a node on the same store, with a vendor that answers
        await using var second = await StartAsync(_ => { });
        var finished = await second.Events.WaitAsync<QueueProtocol.WorkFinished>(
            _ => true, "the forced collection finished after the restart");

        // assert: the session's bars are stored and the queue is empty
        var bars = await second.Store.ReadAsync(
            Aapl, BarInterval.M5, old.From, old.To, 1000, default);
        Assert.Equal(78, bars.Count);
        Assert.Equal(78, finished.Bars);
        Assert.Equal(0, (await second.QueueViewAsync()).Depth);
    }

    [Fact]
    public async Task A_range_always_answered_malformed_is_quarantined_after_three_tries()
    {
        // arrange: the vendor breaks every reply for an old AAPL session
        ScriptedVendor? vendor = null;
        await using var node = await StartAsync(v =>
        {
            vendor = v;
            v.MalformedWhen(r => r.Symbols.Contains(Aapl)
                && r.Range.To <= NoonNode.Noon - Duration.FromDays(3));
        });
        var old = OldSession(node);
        var gap = new QueueProtocol.WorkRequest(Aapl, BarInterval.M5, old, WorkKinds.GapFill);

        // act: a gap fill for it; each failure waits its back-off on the market clock
        await AskAsync<QueueProtocol.Enqueued>(node, new QueueProtocol.Enqueue([gap]));
        for (var attempt = 1; attempt < 3; attempt++)
        {
            var deferred = await node.Events.WaitAsync<QueueProtocol.WorkDeferred>(
                d => node.Events.All.OfType<QueueProtocol.WorkDeferred>().Count() >= attempt,
                $"failure {attempt}");
            node.AdvanceTo(deferred.NotBefore);
        }

        var quarantined = await node.Events.WaitAsync<QueueProtocol.WorkQuarantined>(
            _ => true, "the range quarantined");
        var again = await AskAsync<QueueProtocol.Enqueued>(
            node, new QueueProtocol.Enqueue([gap]));
        node.AdvanceTo(node.Now + Duration.FromHours(1));

        // assert: three tries, then quarantined with its reason; a new gap fill is refused
        var tries = vendor!.Requests.Count(r => r.Symbols.Contains(Aapl) && r.Range == old);
        Assert.Equal(3, tries);
        Assert.Equal(3, quarantined.Range.Tries);
        Assert.Contains("MalformedReply", quarantined.Range.Reason);
        Assert.Equal((0, 1), (again.Accepted, again.Skipped));
        var view = await node.QueueViewAsync();
        Assert.Equal(0, view.Depth);
        Assert.Single(view.Quarantined);
    }

    public void Dispose() => _store.Dispose();

    // A whole session a week before the test's noon: outside every backfill.
    private static TimeRange OldSession(TestNode node)
    {
        var grid = node.Services.GetRequiredService<BarGrid>();
        var session = grid.Calendar.SessionOn(new LocalDate(2026, 11, 25))!;
        return new TimeRange(session.Open, session.Close);
    }

    private static async Task<T> AskAsync<T>(TestNode node, object message) =>
        await (await node.QueueAsync()).Ask<T>(message, TimeSpan.FromSeconds(10));

    private static async Task WaitRunningAsync(TestNode node)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await node.QueueViewAsync()).Running.Count > 0)
                return;
            await Task.Yield();
        }

        Assert.Fail("the forced collection never started");
    }

    private async Task<TestNode> StartAsync(Action<ScriptedVendor> script)
    {
        var node = await TestNode.StartAsync(
            NoonNode.Noon + Duration.FromSeconds(40), NoonNode.Universe, directory: _store.Path,
            vendor: sp =>
            {
                var vendor = new ScriptedVendor(Synthetic.For(sp));
                script(vendor);
                return vendor;
            });
        await node.WaitForStartupRoundsAsync();
        return node;
    }
}
