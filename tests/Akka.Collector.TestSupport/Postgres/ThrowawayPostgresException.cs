namespace Akka.Collector.TestSupport.Postgres;

/// <summary>
/// The throwaway PostgreSQL could not be started; the message carries what the script said
/// (initdb's or the server's log), so the failing test shows why.
/// </summary>
public sealed class ThrowawayPostgresException(string what, string scriptOutput)
    : Exception($"PostgreSQL for the tests could not start: {what}\n{scriptOutput}")
{
    public string ScriptOutput { get; } = scriptOutput;
}
