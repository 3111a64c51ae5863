using System.Runtime.InteropServices;

namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>POSIX signals to a node process: what an orchestrator or a crash does to
/// it.</summary>
public static class Signals
{
    // Linux numbers (x86-64 and arm64 agree on these).
    public const int Term = 15;
    public const int Kill = 9;
    public const int Stop = 19;
    public const int Continue = 18;

    public static void Send(int pid, int signal)
    {
        if (SendSignal(pid, signal) != 0)
            throw new InvalidOperationException(
                $"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    // DllImport, not LibraryImport: the generated stub would need unsafe code for one call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
