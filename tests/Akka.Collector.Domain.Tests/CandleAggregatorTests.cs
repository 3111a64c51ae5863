using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class CandleAggregatorTests
{
    private static readonly BarGrid Grid = Nyse.Grid;

    // Tuesday 2026-03-10 opens 13:30Z (EDT); Friday 2026-11-27 opens 14:30Z and closes 18:00Z.
    private static readonly Instant FullDayOpen = Instant.FromUtc(2026, 3, 10, 13, 30);
    private static readonly Instant EarlyDayOpen = Instant.FromUtc(2026, 11, 27, 14, 30);

    [Fact]
    public void Should_take_first_open_highest_high_lowest_low_last_close_and_summed_volume()
    {
        // arrange: the five minutes 09:30-09:35 ET
        var bars = new[]
        {
            Bar(FullDayOpen, 0, open: 10.0m, high: 10.5m, low: 9.8m, close: 10.2m, volume: 100),
            Bar(FullDayOpen, 1, open: 10.2m, high: 11.0m, low: 10.1m, close: 10.9m, volume: 200),
            Bar(FullDayOpen, 2, open: 10.9m, high: 10.9m, low: 9.5m, close: 9.6m, volume: 300),
            Bar(FullDayOpen, 3, open: 9.6m, high: 9.9m, low: 9.6m, close: 9.7m, volume: 400),
            Bar(FullDayOpen, 4, open: 9.7m, high: 10.0m, low: 9.7m, close: 9.95m, volume: 500),
        };

        // act
        var result = CandleAggregator.Aggregate(bars, BarInterval.M5, Grid);

        // assert
        var candle = Assert.Single(result);
        Assert.Equal(new Candle(FullDayOpen, 10.0m, 11.0m, 9.5m, 9.95m, 1500), candle);
        Assert.Null(candle.Inconsistency());
    }

    [Fact]
    public void Should_give_the_same_result_for_unsorted_input()
    {
        // arrange
        var sorted = Minutes(FullDayOpen, 0, 30).ToList();
        var shuffled = sorted.OrderBy(c => (c.Start.ToUnixTimeTicks() * 7919) % 31).ToList();

        // act
        var fromSorted = CandleAggregator.Aggregate(sorted, BarInterval.M15, Grid);
        var fromShuffled = CandleAggregator.Aggregate(shuffled, BarInterval.M15, Grid);

        // assert
        Assert.NotEqual(sorted, shuffled);
        Assert.Equal(2, fromSorted.Count);
        Assert.Equal(fromSorted, fromShuffled);
    }

    [Fact]
    public void Should_drop_bars_outside_regular_hours()
    {
        // arrange: one pre-market bar, one regular bar, one bar at the close, one after hours
        var bars = new[]
        {
            Bar(FullDayOpen, -1, open: 50m, high: 99m, low: 1m, close: 50m, volume: 9_999),
            Bar(FullDayOpen, 0, open: 10m, high: 11m, low: 9m, close: 10.5m, volume: 100),
            Bar(FullDayOpen, 390, open: 50m, high: 99m, low: 1m, close: 50m, volume: 9_999),
            Bar(FullDayOpen, 500, open: 50m, high: 99m, low: 1m, close: 50m, volume: 9_999),
        };

        // act
        var hourly = CandleAggregator.Aggregate(bars, BarInterval.H1, Grid);
        var daily = CandleAggregator.Aggregate(bars, BarInterval.D1, Grid);

        // assert
        Assert.Equal([new Candle(FullDayOpen, 10m, 11m, 9m, 10.5m, 100)], hourly);
        Assert.Equal([new Candle(FullDayOpen, 10m, 11m, 9m, 10.5m, 100)], daily);
    }

    [Fact]
    public void Should_drop_bars_on_a_closed_day()
    {
        // arrange: Saturday 2026-03-14 and Good Friday 2026-04-03
        var bars = new[]
        {
            Bar(Instant.FromUtc(2026, 3, 14, 15, 0), 0, 1m, 1m, 1m, 1m, 1),
            Bar(Instant.FromUtc(2026, 4, 3, 15, 0), 0, 1m, 1m, 1m, 1m, 1),
        };

        // act
        var result = CandleAggregator.Aggregate(bars, BarInterval.M5, Grid);

        // assert
        Assert.Empty(result);
    }

    [Fact]
    public void Should_build_from_the_minutes_that_traded_when_some_are_missing()
    {
        // arrange: 09:30-09:35 ET traded only at 09:32 and 09:34; 09:35-09:40 not at all;
        // 09:40-09:45 only at 09:44
        var bars = new[]
        {
            Bar(FullDayOpen, 2, open: 20m, high: 21m, low: 19m, close: 20.5m, volume: 10),
            Bar(FullDayOpen, 4, open: 20.5m, high: 22m, low: 20m, close: 21.5m, volume: 5),
            Bar(FullDayOpen, 14, open: 23m, high: 23m, low: 22.5m, close: 22.5m, volume: 7),
        };

        // act
        var result = CandleAggregator.Aggregate(bars, BarInterval.M5, Grid);

        // assert: no made-up bar for the silent 09:35 slot
        Assert.Equal(
            [
                new Candle(FullDayOpen, 20m, 22m, 19m, 21.5m, 15),
                new Candle(FullDayOpen + Duration.FromMinutes(10), 23m, 23m, 22.5m, 22.5m, 7),
            ],
            result);
    }

    [Fact]
    public void Should_give_nothing_for_no_bars()
    {
        // act
        var result = CandleAggregator.Aggregate([], BarInterval.H1, Grid);

        // assert
        Assert.Empty(result);
    }

    [Fact]
    public void Should_roll_a_full_day_of_30m_bars_into_one_daily_bar_at_the_open()
    {
        // arrange
        var bars = HalfHours(FullDayOpen, 13).ToList();

        // act
        var result = CandleAggregator.Aggregate(bars, BarInterval.D1, Grid);

        // assert
        var day = Assert.Single(result);
        Assert.Equal(FullDayOpen, day.Start);
        Assert.Equal(bars[0].Open, day.Open);
        Assert.Equal(bars.Max(b => b.High), day.High);
        Assert.Equal(bars.Min(b => b.Low), day.Low);
        Assert.Equal(bars[^1].Close, day.Close);
        Assert.Equal(bars.Sum(b => b.Volume), day.Volume);
    }

    [Fact]
    public void Should_make_one_daily_bar_per_session_over_several_days()
    {
        // arrange: Thursday 04-02 and Monday 04-06 around Good Friday
        var thursday = Instant.FromUtc(2026, 4, 2, 13, 30);
        var monday = Instant.FromUtc(2026, 4, 6, 13, 30);
        var bars = Minutes(thursday, 0, 390).Concat(Minutes(monday, 0, 390));

        // act
        var result = CandleAggregator.Aggregate(bars, BarInterval.D1, Grid);

        // assert
        Assert.Equal([thursday, monday], result.Select(c => c.Start));
        Assert.All(result, c => Assert.Equal(390 * 391 / 2, c.Volume));
    }

    [Fact]
    public void Should_end_a_full_day_of_1h_bars_with_a_short_1530_bar_from_one_30m_bar()
    {
        // arrange
        var bars = HalfHours(FullDayOpen, 13).ToList();

        // act
        var result = CandleAggregator.Aggregate(bars, BarInterval.H1, Grid);

        // assert
        Assert.Equal(7, result.Count);
        Assert.Equal(FullDayOpen + Duration.FromHours(6), result[^1].Start);
        Assert.Equal(bars[^1], result[^1]);
        Assert.Equal(bars[0].Volume + bars[1].Volume, result[0].Volume);
    }

    [Theory]
    [InlineData("2h", 4, 4, 1)]
    [InlineData("4h", 2, 8, 5)]
    public void Should_fold_30m_bars_into_hour_bars_with_a_short_last_bar(
        string name, int count, int firstParts, int lastParts)
    {
        // arrange: 30m bar i has volume 1 << i, so a sum tells which bars were folded in
        var bars = HalfHours(FullDayOpen, 13).ToList();

        // act
        var result = CandleAggregator.Aggregate(bars, BarInterval.Parse(name), Grid);

        // assert
        Assert.Equal(count, result.Count);
        Assert.Equal((1L << firstParts) - 1, result[0].Volume);
        Assert.Equal(((1L << lastParts) - 1) << (13 - lastParts), result[^1].Volume);
        Assert.Equal(bars[^1].Close, result[^1].Close);
    }

    [Fact]
    public void Should_fold_an_early_close_day_of_30m_bars_into_one_4h_bar()
    {
        // arrange: seven 30m bars, 09:30-13:00 ET
        var bars = HalfHours(EarlyDayOpen, 7).ToList();

        // act
        var fourHour = CandleAggregator.Aggregate(bars, BarInterval.H4, Grid);
        var hourly = CandleAggregator.Aggregate(bars, BarInterval.H1, Grid);

        // assert
        var bar = Assert.Single(fourHour);
        Assert.Equal(EarlyDayOpen, bar.Start);
        Assert.Equal(127, bar.Volume);
        Assert.Equal(bars[^1].Close, bar.Close);
        Assert.Equal(4, hourly.Count);
        Assert.Equal(EarlyDayOpen + Duration.FromHours(3), hourly[^1].Start);
        Assert.Equal(64, hourly[^1].Volume);
    }

    [Fact]
    public void Should_fold_an_early_close_day_of_1m_bars_and_ignore_minutes_after_1300()
    {
        // arrange: 210 regular minutes and 30 after-hours ones
        var bars = Minutes(EarlyDayOpen, 0, 240);

        // act
        var daily = CandleAggregator.Aggregate(bars, BarInterval.D1, Grid);
        var hourly = CandleAggregator.Aggregate(bars, BarInterval.H1, Grid);

        // assert
        Assert.Equal(210 * 211 / 2, Assert.Single(daily).Volume);
        Assert.Equal(4, hourly.Count);
        Assert.Equal(Enumerable.Range(181, 30).Sum(), hourly[^1].Volume);
    }

    [Fact]
    public void Should_keep_in_session_bars_as_they_are_when_the_target_is_their_own_width()
    {
        // arrange
        var bars = Minutes(FullDayOpen, -5, 15).ToList();

        // act
        var result = CandleAggregator.Aggregate(bars, BarInterval.M1, Grid);

        // assert
        Assert.Equal(bars.Where(b => b.Start >= FullDayOpen), result);
    }

    [Fact]
    public void Should_count_an_exact_repeat_of_a_bar_once()
    {
        // arrange: overlapping pages deliver 09:31 twice
        var bars = new[]
        {
            Bar(FullDayOpen, 0, 10m, 11m, 9m, 10m, 100),
            Bar(FullDayOpen, 1, 10m, 12m, 9m, 11m, 200),
            Bar(FullDayOpen, 1, 10m, 12m, 9m, 11m, 200),
        };

        // act
        var result = CandleAggregator.Aggregate(bars, BarInterval.M5, Grid);

        // assert
        Assert.Equal([new Candle(FullDayOpen, 10m, 12m, 9m, 11m, 300)], result);
    }

    [Fact]
    public void Should_reject_two_different_bars_with_the_same_start()
    {
        // arrange
        var bars = new[]
        {
            Bar(FullDayOpen, 0, 10m, 11m, 9m, 10m, 100),
            Bar(FullDayOpen, 1, 10m, 11m, 9m, 10m, 100),
            Bar(FullDayOpen, 0, 10m, 11m, 9m, 10.5m, 100),
        };

        // act
        var e = Assert.Throws<ArgumentException>(
            () => CandleAggregator.Aggregate(bars, BarInterval.M5, Grid));

        // assert
        Assert.Contains("two different bars start at 2026-03-10T13:30:00Z", e.Message);
        Assert.Equal("finer", e.ParamName);
    }

    private static Candle Bar(
        Instant sessionOpen, int minute,
        decimal open, decimal high, decimal low, decimal close, long volume) =>
        new(sessionOpen + Duration.FromMinutes(minute), open, high, low, close, volume);

    // 1m bars for minutes [first, first + count) from the open; volume = minute index + 1, and
    // prices that wander so high and low differ from bar to bar.
    private static IEnumerable<Candle> Minutes(Instant open, int first, int count) =>
        Enumerable.Range(first, count).Select(i =>
        {
            var k = Math.Abs(i);
            var mid = 100m + (k * 37 % 11) - 5;
            return new Candle(
                open + Duration.FromMinutes(i), mid, mid + 1 + k % 3, mid - 1 - k % 2, mid + 0.5m,
                i + 1);
        });

    // 30m bars from the open, bar i with volume 2^i.
    private static IEnumerable<Candle> HalfHours(Instant open, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var mid = 50m + (i * 13 % 7);
            return new Candle(
                open + Duration.FromMinutes(30 * i), mid, mid + 2, mid - 2, mid + 1, 1L << i);
        });
}
