using NodaTime;

namespace Akka.Collector.Domain.Calendar;

/// <summary>One regular trading session: [Open, Close) on an ET trading date.</summary>
public sealed record TradingSession(LocalDate Date, Instant Open, Instant Close, bool IsEarlyClose)
{
    public Duration Length => Close - Open;

    public bool Contains(Instant t) => t >= Open && t < Close;
}
