using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Time;
using Akka.Collector.Vendors;
using NodaTime;

namespace Akka.Collector.Actors.Symbols;

/// <summary>
/// A symbol's rounds back off, per interval, while the vendor keeps answering its own data
/// malformed (or refusing the request for it). By then the batcher has split the symbol out
/// of its batch and its range lags the others', so each try is a request of its own; trying
/// every bar would spend the vendor budget on a reply that will not change. After
/// <see cref="Tolerated"/> failures in a row the next try waits two bar widths (the next
/// round skips it), then four, doubling up to <see cref="Longest"/>; one reply stored ends
/// it. Memory only: a restarted entity learns it again in three rounds.
/// </summary>
internal sealed class MalformedBackoff
{
    public const int Tolerated = 3;

    public static readonly Duration Longest = Duration.FromHours(1);

    private readonly Dictionary<BarInterval, Streak> _streaks = [];

    public static bool Counts(FailureKind kind) =>
        kind is FailureKind.MalformedReply or FailureKind.RequestRejected;

    /// <summary>Records a failure; returns when the next try may go, if rounds now wait.</summary>
    public Instant? Failed(BarInterval interval, FailureKind kind, string reason, Instant now)
    {
        if (!Counts(kind))
        {
            _streaks.Remove(interval);
            return null;
        }

        var count = _streaks.TryGetValue(interval, out var streak) ? streak.Count + 1 : 1;
        Instant? until = null;
        if (count >= Tolerated)
        {
            var doublings = Math.Min(count - Tolerated + 1, 16);
            var wait = interval.Width * Math.Pow(2, doublings);
            until = now + (wait < Longest ? wait : Longest);
        }

        _streaks[interval] = new Streak(count, kind, reason, until);
        return until;
    }

    public void Stored(BarInterval interval) => _streaks.Remove(interval);

    /// <summary>Why a round must not fetch now, or null when it may.</summary>
    public (FailureKind Kind, string Reason)? Holding(BarInterval interval, Instant now)
    {
        if (!_streaks.TryGetValue(interval, out var streak) || streak.Until is not { } until
            || until <= now)
        {
            return null;
        }

        return (streak.Kind, $"not asked again until {until} after {streak.Count} failures " +
            $"in a row ({DurationText.Of((until - now).ToTimeSpan())} left); last: " +
            streak.Reason);
    }

    private sealed record Streak(int Count, FailureKind Kind, string Reason, Instant? Until);
}
