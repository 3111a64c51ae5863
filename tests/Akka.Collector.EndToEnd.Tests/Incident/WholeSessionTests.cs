using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.EndToEnd.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Incident;

/// <summary>
/// Over a whole session every interval completes a round at every one of its bar closes:
/// the wide intervals, the short last bars and the daily bar included.
/// </summary>
public sealed class WholeSessionTests
{
    private static readonly string[] Universe = ["AAPL", "MSFT", "SPY"];
    private static readonly Duration Settle = Duration.FromSeconds(5);

    [Theory]
    [InlineData(2026, 12, 3, "full session")]
    [InlineData(2026, 11, 27, "early close at 13:00")]
    public async Task Every_interval_completes_a_round_at_each_of_its_bar_closes(
        int year, int month, int day, string kind)
    {
        // arrange: a node started a minute before the open
        var open = Et.At(year, month, day, 9, 30);
        await using var node = await TestNode.StartAsync(open - Duration.FromMinutes(1), Universe);
        await node.WaitForStartupRoundsAsync();
        var grid = node.Services.GetRequiredService<BarGrid>();
        var session = grid.Calendar.SessionOn(new LocalDate(year, month, day))!;

        // act: the clock plays through the session and past the daily round
        var rounds = await SessionPlayer.PlayUntilAsync(node, session.Close + Settle, Settle);

        // assert: each bar end of each interval had a complete round
        var reached = SessionPlayer.CompleteRoundEnds(rounds, Universe.Length);
        foreach (var interval in BarInterval.All)
        {
            var closes = grid.SlotsOf(session, interval).Select(s => s.End).ToList();
            var missing = closes
                .Where(c => !reached.GetValueOrDefault(interval, []).Contains(c))
                .ToList();
            Assert.True(missing.Count == 0,
                $"{kind}: {interval} had no complete round at {string.Join(", ", missing)}");
        }
    }
}
