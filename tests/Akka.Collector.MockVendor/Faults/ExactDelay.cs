using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Akka.Collector.MockVendor.Faults;

/// <summary>
/// Holds replies to their latency within a tenth of a millisecond. Task.Delay runs on the
/// runtime's timer queue, which counts coarse ticks: on this kind of Linux VM a 20 ms delay
/// ended anywhere from 17 to 25 ms, and a benchmark measuring the collector against a 20 ms
/// vendor measured that jitter too. One background thread sleeps until the next due time,
/// on the monitor for most of it and on nanosleep for the last millisecond or two; every
/// due is a fixed latency after its request, so a later request never needs waking sooner.
/// </summary>
internal static class ExactDelay
{
    private static readonly TimeSpan Coarse = TimeSpan.FromMilliseconds(2);
    private static readonly object Gate = new();
    private static readonly PriorityQueue<TaskCompletionSource, long> Dues = new();
    private static Thread? _sleeper;

    /// <summary>The <see cref="Stopwatch"/> stamp <paramref name="wait"/> from now.</summary>
    public static long From(TimeSpan wait) =>
        Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Completes at <paramref name="due"/>, a <see cref="Stopwatch"/> stamp.</summary>
    public static Task UntilAsync(long due, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            return left > TimeSpan.Zero ? Task.Delay(left, cancellationToken) : Task.CompletedTask;
        }

        // The reply goes on a pool thread: run on the sleeper, it would carry the rest of the
        // request (and the connection's next one) with it and make the next due late.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        lock (Gate)
        {
            Dues.Enqueue(done, due);
            if (_sleeper is null)
            {
                _sleeper = new Thread(Sleep) { IsBackground = true, Name = "mock-latency" };
                _sleeper.Start();
            }

            Monitor.Pulse(Gate);
        }

        return done.Task;
    }

    private static void Sleep()
    {
        while (true)
        {
            TaskCompletionSource next;
            long due;
            lock (Gate)
            {
                if (!Dues.TryPeek(out next!, out due))
                {
                    Monitor.Wait(Gate);
                    continue;
                }

                var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (left > Coarse)
                {
                    Monitor.Wait(Gate, left - Coarse / 2);
                    continue;
                }

                Dues.Dequeue();
            }

            NanoSleepUntil(due);
            next.TrySetResult();
        }
    }

    private static void NanoSleepUntil(long due)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (left <= TimeSpan.Zero)
            return;

        var request = new TimeSpec
        {
            Seconds = 0,
            Nanoseconds = (long)(left.TotalMilliseconds * 1_000_000),
        };
        _ = nanosleep(ref request, IntPtr.Zero);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int nanosleep(ref TimeSpec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
