using Akka.Collector.Domain.Candles;
using NodaTime;

namespace Akka.Collector.Vendors.Replay;

/// <summary>Collects parsed 1m bars into recorded sessions by their US-Eastern date.</summary>
internal sealed class SessionsBuilder
{
    private readonly SortedDictionary<LocalDate, List<Candle>> _days = [];

    /// <summary>Adds a bar; callers add bars of a day in rising order of start.</summary>
    public void Add(LocalDate date, Candle bar)
    {
        if (!_days.TryGetValue(date, out var bars))
            _days[date] = bars = [];

        bars.Add(bar);
    }

    public IReadOnlyList<RecordedSession> Build() =>
        _days.Select(d => new RecordedSession(d.Key, RecordedHours.OpenOn(d.Key), d.Value))
            .ToList();
}
