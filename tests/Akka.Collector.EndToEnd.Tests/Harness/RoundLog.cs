using System.Threading.Channels;
using Akka.Actor;
using Akka.Collector.Actors.Protocol;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>Every round report the node's collectors publish, in order, and waits on
/// them.</summary>
public sealed class RoundLog
{
    private readonly List<IntervalProtocol.RoundReport> _seen = [];
    private readonly Channel<IntervalProtocol.RoundReport> _arrivals =
        Channel.CreateUnbounded<IntervalProtocol.RoundReport>();

    public IReadOnlyList<IntervalProtocol.RoundReport> All
    {
        get
        {
            Drain();
            return [.. _seen];
        }
    }

    public void Attach(ActorSystem system)
    {
        var listener = system.ActorOf(Props.Create(() => new Listener(_arrivals.Writer)));
        system.EventStream.Subscribe(listener, typeof(IntervalProtocol.RoundReport));
    }

    /// <summary>The first report (seen before or arriving later) that matches.</summary>
    public async Task<IntervalProtocol.RoundReport> WaitAsync(
        Func<IntervalProtocol.RoundReport, bool> match, string what, TimeSpan? timeout = null)
    {
        Drain();
        var found = _seen.FirstOrDefault(match);
        if (found is not null)
            return found;

        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var report = await _arrivals.Reader.ReadAsync(cancel.Token);
                _seen.Add(report);
                if (match(report))
                    return report;
            }
        }
        catch (OperationCanceledException)
        {
            var last = string.Join(
                "; ", _seen.TakeLast(12).Select(r => $"{r.Interval}#{r.RoundId} up to {r.UpTo}"));
            throw new TimeoutException($"no round report for {what}; latest: {last}");
        }
    }

    private void Drain()
    {
        while (_arrivals.Reader.TryRead(out var report))
            _seen.Add(report);
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(ChannelWriter<IntervalProtocol.RoundReport> writer) =>
            Receive<IntervalProtocol.RoundReport>(r => writer.TryWrite(r));
    }
}
