using System.Threading.Channels;
using Akka.Actor;
using Akka.Collector.Actors.Protocol;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>
/// Every collector message a node publishes on its event stream (queue events, round
/// reports), in order, and waits on them: tests wait for what happened, never for time.
/// </summary>
public sealed class EventLog
{
    private readonly List<ICollectorMessage> _seen = [];
    private readonly Channel<ICollectorMessage> _arrivals =
        Channel.CreateUnbounded<ICollectorMessage>();

    public static EventLog Attach(ActorSystem system)
    {
        var log = new EventLog();
        var listener = system.ActorOf(Props.Create(() => new Listener(log._arrivals.Writer)));
        system.EventStream.Subscribe(listener, typeof(ICollectorMessage));
        return log;
    }

    public IReadOnlyList<ICollectorMessage> All
    {
        get
        {
            Drain();
            return [.. _seen];
        }
    }

    /// <summary>The first event of type T (seen before or arriving later) that matches.</summary>
    public async Task<T> WaitAsync<T>(Func<T, bool> match, string what, TimeSpan? timeout = null)
        where T : ICollectorMessage
    {
        Drain();
        if (_seen.OfType<T>().FirstOrDefault(match) is { } found)
            return found;

        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var next = await _arrivals.Reader.ReadAsync(cancel.Token);
                _seen.Add(next);
                if (next is T typed && match(typed))
                    return typed;
            }
        }
        catch (OperationCanceledException)
        {
            var last = string.Join("; ", _seen.TakeLast(12).Select(e => e.GetType().Name));
            throw new TimeoutException($"never saw {what}; latest: {last}");
        }
    }

    private void Drain()
    {
        while (_arrivals.Reader.TryRead(out var next))
            _seen.Add(next);
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(ChannelWriter<ICollectorMessage> writer) =>
            Receive<ICollectorMessage>(m => writer.TryWrite(m));
    }
}
