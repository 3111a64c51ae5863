using Akka.Collector.Domain.Time;

namespace Akka.Collector.Domain.Tests;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0L, "0 s")]
    [InlineData(1L, "0.1 µs")]
    [InlineData(5_000L, "500 µs")]
    [InlineData(10_000L, "1 ms")]
    [InlineData(2_500_000L, "250 ms")]
    [InlineData(9_999_999L, "1 s")]
    [InlineData(10_000_000L, "1 s")]
    [InlineData(15_000_000L, "1.5 s")]
    [InlineData(200_000_000L, "20 s")]
    [InlineData(599_999_999L, "1 min")]
    [InlineData(900_000_000L, "1.5 min")]
    [InlineData(36_000_000_000L, "1 h")]
    [InlineData(864_000_000_000L, "1 day")]
    [InlineData(3_162_240_000_000_000L, "3660 days")]
    [InlineData(-20_000_000L, "-2 s")]
    public void Should_write_a_duration_in_the_largest_unit_that_keeps_it_at_least_one(
        long ticks, string expected)
    {
        // act
        var text = DurationText.Of(TimeSpan.FromTicks(ticks));

        // assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Should_never_write_a_sub_second_duration_as_zero_seconds()
    {
        // arrange: the timeouts a test or a tight configuration may use
        TimeSpan[] spans =
        [
            TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(300),
            TimeSpan.FromMilliseconds(999), TimeSpan.FromTicks(1),
        ];

        // act
        var texts = spans.Select(DurationText.Of).ToList();

        // assert
        Assert.All(texts, t => Assert.DoesNotContain("0 s", t));
        Assert.Equal(["1 ms", "300 ms", "999 ms", "0.1 µs"], texts);
    }

    [Fact]
    public void Should_write_the_extremes_without_overflowing()
    {
        // act
        var max = DurationText.Of(TimeSpan.MaxValue);
        var min = DurationText.Of(TimeSpan.MinValue);

        // assert
        Assert.EndsWith(" days", max);
        Assert.StartsWith("-", min);
    }
}
