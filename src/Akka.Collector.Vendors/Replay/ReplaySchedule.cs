using Akka.Collector.Domain.Calendar;
using NodaTime;

namespace Akka.Collector.Vendors.Replay;

/// <summary>
/// Which recorded session plays on which trading session. With k recordings R_1..R_k, R_k
/// plays on the anchor session, R_(k-1) on the session before it and so on back to R_1;
/// earlier sessions have no data. After the anchor the recordings play again in order
/// (anchor+1 gets R_1, anchor+2 gets R_2, ...) so a long-running demo never runs dry.
/// </summary>
internal sealed class ReplaySchedule
{
    private readonly Dictionary<LocalDate, int> _indexOf;
    private readonly int _anchor;

    public ReplaySchedule(MarketCalendar calendar, TradingSession anchor)
    {
        _indexOf = calendar.Sessions
            .Select((session, i) => (session.Date, i))
            .ToDictionary(x => x.Date, x => x.i);
        _anchor = _indexOf[anchor.Date];
        Anchor = anchor;
    }

    public TradingSession Anchor { get; }

    /// <summary>The 0-based recording that plays on the session, or null when none does.</summary>
    public int? RecordingFor(TradingSession session, int recordings)
    {
        if (recordings == 0 || !_indexOf.TryGetValue(session.Date, out var index))
            return null;

        var sessionsAfterAnchor = index - _anchor;
        if (sessionsAfterAnchor > 0)
            return (sessionsAfterAnchor - 1) % recordings;

        var recording = recordings - 1 + sessionsAfterAnchor;
        return recording >= 0 ? recording : null;
    }
}
