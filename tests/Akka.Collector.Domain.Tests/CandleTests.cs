using Akka.Collector.Domain.Candles;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class CandleTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 10, 13, 30);

    [Theory]
    [InlineData(10, 12, 9, 11, 0)]
    [InlineData(10, 10, 10, 10, 5)]
    [InlineData(9, 12, 9, 12, 1)]
    public void Should_find_no_inconsistency_in_a_well_formed_bar(
        int open, int high, int low, int close, long volume)
    {
        // arrange
        var candle = new Candle(Start, open, high, low, close, volume);

        // act
        var problem = candle.Inconsistency();

        // assert
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(10, 9, 11, 10, 1, "low 11 is above high 9")]
    [InlineData(13, 12, 9, 11, 1, "open 13 lies outside low..high 9..12")]
    [InlineData(8, 12, 9, 11, 1, "open 8 lies outside low..high 9..12")]
    [InlineData(10, 12, 9, 12.5, 1, "close 12.5 lies outside low..high 9..12")]
    [InlineData(10, 12, 9, 8, 1, "close 8 lies outside low..high 9..12")]
    [InlineData(10, 12, 9, 11, -1, "volume -1 is negative")]
    public void Should_say_why_a_bar_is_inconsistent(
        double open, double high, double low, double close, long volume, string expected)
    {
        // arrange
        var candle = new Candle(
            Start, (decimal)open, (decimal)high, (decimal)low, (decimal)close, volume);

        // act
        var problem = candle.Inconsistency();

        // assert
        Assert.Equal(expected, problem);
    }
}
