using Akka.Collector.Domain.Calendar;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class TradingSessionTests
{
    [Fact]
    public void Should_contain_its_open_but_not_its_close()
    {
        // arrange
        var session = new TradingSession(
            new LocalDate(2026, 11, 27),
            Instant.FromUtc(2026, 11, 27, 14, 30),
            Instant.FromUtc(2026, 11, 27, 18, 0),
            IsEarlyClose: true);

        // act and assert
        Assert.True(session.Contains(session.Open));
        Assert.True(session.Contains(session.Close - Duration.Epsilon));
        Assert.False(session.Contains(session.Close));
        Assert.False(session.Contains(session.Open - Duration.Epsilon));
        Assert.Equal(Duration.FromMinutes(210), session.Length);
    }
}
