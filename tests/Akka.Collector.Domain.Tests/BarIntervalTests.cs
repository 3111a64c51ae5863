using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class BarIntervalTests
{
    private const string ValidList = "1m, 2m, 5m, 15m, 30m, 1h, 2h, 4h, 1d";

    public static TheoryData<string, BarInterval> Names => new()
    {
        { "1m", BarInterval.M1 },
        { "2m", BarInterval.M2 },
        { "5m", BarInterval.M5 },
        { "15m", BarInterval.M15 },
        { "30m", BarInterval.M30 },
        { "1h", BarInterval.H1 },
        { "2h", BarInterval.H2 },
        { "4h", BarInterval.H4 },
        { "1d", BarInterval.D1 },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Should_parse_each_of_the_nine_names_to_its_interval(
        string name, BarInterval expected)
    {
        // act
        var parsed = BarInterval.Parse(name);
        var ok = BarInterval.TryParse(name, out var tried, out var error);

        // assert
        Assert.Same(expected, parsed);
        Assert.True(ok);
        Assert.Same(expected, tried);
        Assert.Equal(string.Empty, error);
        Assert.Equal(name, parsed.Name);
        Assert.Equal(name, parsed.ToString());
    }

    [Fact]
    public void Should_list_all_nine_intervals_finest_first()
    {
        // act
        var names = BarInterval.All.Select(i => i.Name);

        // assert
        Assert.Equal(["1m", "2m", "5m", "15m", "30m", "1h", "2h", "4h", "1d"], names);
        Assert.Equal(ValidList, BarInterval.ValidNames);
    }

    [Fact]
    public void Should_ignore_surrounding_white_space_when_parsing()
    {
        // act
        var parsed = BarInterval.Parse(" 5m\t");

        // assert
        Assert.Same(BarInterval.M5, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("3m")]
    [InlineData("1M")]
    [InlineData("1H")]
    [InlineData("60m")]
    [InlineData("1 d")]
    [InlineData("1w")]
    [InlineData("daily")]
    [InlineData("m1")]
    [InlineData("1m;DROP")]
    public void Should_reject_an_unknown_name_with_a_message_listing_the_valid_ones(string text)
    {
        // act
        var ok = BarInterval.TryParse(text, out _, out var error);
        var e = Assert.Throws<FormatException>(() => BarInterval.Parse(text));

        // assert
        Assert.False(ok);
        Assert.Equal($"unknown interval '{text}'; valid intervals are {ValidList}", error);
        Assert.Equal(error, e.Message);
    }

    [Fact]
    public void Should_reject_null_with_a_message_listing_the_valid_ones()
    {
        // act
        var ok = BarInterval.TryParse(null, out _, out var error);

        // assert
        Assert.False(ok);
        Assert.Equal($"unknown interval ''; valid intervals are {ValidList}", error);
    }

    [Fact]
    public void Should_echo_only_a_short_prefix_of_a_long_unknown_name()
    {
        // arrange
        var hostile = new string('x', 1000);

        // act
        BarInterval.TryParse(hostile, out _, out var error);

        // assert
        Assert.Contains($"'{new string('x', 16)}...'", error);
        Assert.True(error.Length < 120, error);
    }

    [Theory]
    [InlineData("1m", 1)]
    [InlineData("2m", 2)]
    [InlineData("5m", 5)]
    [InlineData("15m", 15)]
    [InlineData("30m", 30)]
    [InlineData("1h", 60)]
    [InlineData("2h", 120)]
    [InlineData("4h", 240)]
    public void Should_give_intraday_intervals_their_width_in_minutes(string name, int minutes)
    {
        // act
        var interval = BarInterval.Parse(name);

        // assert
        Assert.Equal(minutes, interval.Minutes);
        Assert.Equal(Duration.FromMinutes(minutes), interval.Width);
        Assert.False(interval.IsDaily);
    }

    [Fact]
    public void Should_mark_only_1d_as_daily_with_zero_minutes()
    {
        // act
        var daily = BarInterval.All.Where(i => i.IsDaily);

        // assert
        Assert.Equal([BarInterval.D1], daily);
        Assert.Equal(0, BarInterval.D1.Minutes);
        Assert.Equal(Duration.FromDays(1), BarInterval.D1.Width);
    }

    [Theory]
    [InlineData("1h")]
    [InlineData("2h")]
    [InlineData("4h")]
    public void Should_fetch_hour_intervals_as_30m_bars(string name)
    {
        // act
        var interval = BarInterval.Parse(name);

        // assert
        Assert.Same(BarInterval.M30, interval.FetchedAs);
        Assert.True(interval.IsBuiltByAggregation);
    }

    [Theory]
    [InlineData("1m")]
    [InlineData("2m")]
    [InlineData("5m")]
    [InlineData("15m")]
    [InlineData("30m")]
    [InlineData("1d")]
    public void Should_fetch_other_intervals_as_themselves(string name)
    {
        // act
        var interval = BarInterval.Parse(name);

        // assert
        Assert.Same(interval, interval.FetchedAs);
        Assert.False(interval.IsBuiltByAggregation);
    }

    [Fact]
    public void Should_compare_intervals_by_name()
    {
        // arrange
        var parsed = BarInterval.Parse("15m");

        // act and assert
        Assert.True(parsed == BarInterval.M15);
        Assert.False(parsed != BarInterval.M15);
        Assert.True(BarInterval.M15 != BarInterval.M30);
        Assert.True(parsed.Equals((object)BarInterval.M15));
        Assert.False(BarInterval.M15.Equals(null));
        Assert.False(BarInterval.M15 == null);
        Assert.Equal(BarInterval.M15.GetHashCode(), parsed.GetHashCode());
        Assert.Equal(9, BarInterval.All.Distinct().Count());
    }
}
