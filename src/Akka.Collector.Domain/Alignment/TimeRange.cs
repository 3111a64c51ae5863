using NodaTime;

namespace Akka.Collector.Domain.Alignment;

/// <summary>A half-open span of time [From, To).</summary>
public readonly record struct TimeRange
{
    public TimeRange(Instant from, Instant to)
    {
        if (to < from)
            throw new ArgumentException($"range end {to} is before its start {from}");

        From = from;
        To = to;
    }

    public Instant From { get; }

    public Instant To { get; }

    public bool IsEmpty => From == To;

    public Duration Length => To - From;

    public bool Contains(Instant t) => t >= From && t < To;

    public override string ToString() => $"[{From}, {To})";
}
