using Akka.Actor;
using Akka.Collector.Vendors.Http;

namespace Akka.Collector.Actors.Upstream;

/// <summary>
/// One fetch's place among its batcher's vendor slots, and the permits its requests draw on.
/// A fetch starts holding its slot. When the vendor client reports a reply read
/// (<see cref="IRequestPermits.Released"/>, answered) and no other request of the fetch is
/// out, the slot goes back to the batcher at once, so the next request is on the wire while
/// this reply is parsed and checked; a further page then asks the batcher for a slot again,
/// ahead of new batches. A failed attempt keeps the slot for its retry. A client that never
/// reports holds its slot until its fetch ends, as if every reply were read at the end.
/// </summary>
/// <remarks>
/// The state is shared by the fetch's task and the batcher's mailbox, hence the lock; the
/// batcher counts a slot free exactly once per hold, from <see cref="SlotFreed"/> or from
/// <see cref="TryReturn"/> at the fetch's end, whichever finds it held.
/// </remarks>
internal sealed class WireSlot(IActorRef batcher, IRequestPermits budget) : IRequestPermits
{
    private readonly object _gate = new();
    private bool _held = true;
    private TaskCompletionSource? _wanted;

    // Requests of this fetch let go and not yet over, and those waiting for the slot: a
    // client may send several at once.
    private int _out;
    private int _waiting;

    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource? wanted = null;
        var ask = false;
        lock (_gate)
        {
            if (_held)
            {
                _out++;
            }
            else
            {
                _waiting++;
                ask = _wanted is null;
                wanted = _wanted ??= new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (wanted is not null)
        {
            if (ask)
                batcher.Tell(new SlotWanted(this));

            try
            {
                await wanted.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (_gate)
                {
                    // Granted in the same instant: the slot is ours and the end gives it back.
                    if (!_held && --_waiting == 0)
                        _wanted = null;
                }

                throw;
            }
        }

        await budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Released(bool answered)
    {
        lock (_gate)
        {
            _out = Math.Max(0, _out - 1);
            if (!answered || !_held || _out > 0)
                return;
            _held = false;
        }

        batcher.Tell(SlotFreed.Instance);
    }

    /// <summary>On the batcher: the fetch waiting for a slot gets one, if it still waits.</summary>
    public bool TryGrant()
    {
        lock (_gate)
        {
            if (_held || _wanted is null)
                return false;

            _held = true;
            _out = _waiting;
            _waiting = 0;
            _wanted.TrySetResult();
            _wanted = null;
            return true;
        }
    }

    /// <summary>On the batcher, the fetch ended: true when it still held its slot.</summary>
    public bool TryReturn()
    {
        lock (_gate)
        {
            var held = _held;
            _held = false;
            _wanted = null;
            _out = 0;
            _waiting = 0;
            return held;
        }
    }

    /// <summary>A fetch that gave its slot back needs one again, for a further page.</summary>
    public sealed record SlotWanted(WireSlot Slot) : INoSerializationVerificationNeeded;

    /// <summary>A fetch's reply is read: its slot is free.</summary>
    public sealed class SlotFreed : INoSerializationVerificationNeeded
    {
        public static readonly SlotFreed Instance = new();
    }
}
