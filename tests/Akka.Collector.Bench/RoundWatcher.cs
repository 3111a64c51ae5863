using System.Threading.Channels;
using Akka.Actor;
using Akka.Collector.Actors.Protocol;

namespace Akka.Collector.Bench;

/// <summary>The round reports a node's collectors publish, awaited as they arrive.</summary>
internal sealed class RoundWatcher
{
    private readonly List<IntervalProtocol.RoundReport> _seen = [];
    private readonly Channel<IntervalProtocol.RoundReport> _arrivals =
        Channel.CreateUnbounded<IntervalProtocol.RoundReport>();

    public RoundWatcher(ActorSystem system)
    {
        var listener = system.ActorOf(Props.Create(() => new Listener(_arrivals.Writer)));
        system.EventStream.Subscribe(listener, typeof(IntervalProtocol.RoundReport));
    }

    public async Task<IntervalProtocol.RoundReport> WaitAsync(
        Func<IntervalProtocol.RoundReport, bool> match, string what, TimeSpan timeout)
    {
        if (_seen.FirstOrDefault(match) is { } seen)
            return seen;

        using var cancel = new CancellationTokenSource(timeout);
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
            throw new TimeoutException($"no round report for {what} within {timeout}");
        }
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(ChannelWriter<IntervalProtocol.RoundReport> writer) =>
            Receive<IntervalProtocol.RoundReport>(r => writer.TryWrite(r));
    }
}
