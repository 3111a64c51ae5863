using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Harness;

/// <summary>
/// Plays the market clock forward from one due round to the next, waiting at each for the
/// rounds that were due, so a whole session passes in seconds and nothing is skipped.
/// </summary>
public static class SessionPlayer
{
    public static async Task<IReadOnlyList<IntervalProtocol.RoundReport>> PlayUntilAsync(
        TestNode node, Instant until, Duration settle)
    {
        var played = new List<IntervalProtocol.RoundReport>();
        while (true)
        {
            await node.WaitForTimersAsync();
            var statuses = await node.StatusesAsync();
            var next = statuses.Values.Min(s => s.NextTickAt!.Value);
            if (next > until)
                return played;

            node.AdvanceTo(next);

            // Each interval due now must finish a round up to the bar that just closed.
            foreach (var (interval, _) in statuses.Where(s => s.Value.NextTickAt == next))
            {
                var upTo = next - settle;
                played.Add(await node.Rounds.WaitAsync(
                    r => r.Interval == interval && r.UpTo == upTo,
                    $"{interval} round up to {upTo}"));
            }
        }
    }

    /// <summary>Bar ends of each interval that rounds reached, with all symbols done.</summary>
    public static IReadOnlyDictionary<BarInterval, HashSet<Instant>> CompleteRoundEnds(
        IEnumerable<IntervalProtocol.RoundReport> rounds, int universe) =>
        rounds.Where(r => r.SymbolsDone == universe && r.SymbolsFailed == 0)
            .GroupBy(r => r.Interval)
            .ToDictionary(g => g.Key, g => g.Select(r => r.UpTo).ToHashSet());
}
