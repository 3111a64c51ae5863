namespace Akka.Collector.Cli.Http;

/// <summary>
/// A command that could not do its work, with the one line an operator reads and the exit
/// code a script tests.
/// </summary>
public sealed class CliFailure(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>collectorctl's exit codes (README, "collectorctl").</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The node answered with an error: 4xx (but 401) or 5xx.</summary>
    public const int Refused = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The node could not be reached, or did not answer in time.</summary>
    public const int Unreachable = 3;

    /// <summary>The node refused the admin token (or has none configured).</summary>
    public const int Unauthorized = 4;
}
