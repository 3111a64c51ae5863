namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>
/// Waits for a condition that other processes bring about, by asking again until it holds or
/// a bound passes. The pause between asks only spaces the questions; nothing is assumed to
/// have happened because time went by.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan Between = TimeSpan.FromMilliseconds(200);

    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="check">Null once the condition holds; else what is still missing.</param>
    /// <param name="diagnostics">More to say on failure (the nodes' logs).</param>
    public static async Task UntilAsync(
        string what, TimeSpan bound, Func<Task<string?>> check, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + bound;
        string? missing;
        while (true)
        {
            try
            {
                missing = await check();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // A node still starting, or one that is leaving: ask again.
                missing = e.Message;
            }

            if (missing is null)
                return;
            if (DateTime.UtcNow > deadline)
                break;
            await Task.Delay(Between);
        }

        throw new TimeoutException(
            $"{what}: not reached within {bound.TotalSeconds:0} s; last seen: {missing}" +
            (diagnostics is null ? "" : "\n" + diagnostics()));
    }
}
