using Akka.Collector.Domain.Candles;
using Akka.Collector.TestSupport.Data;
using Akka.Collector.Vendors.Replay;
using Akka.Collector.Vendors.Tests.Support;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Replay;

public sealed class ReactStockChartsIntradayTests
{
    private const string Header = "date\topen\thigh\tlow\tclose\tvolume\n";

    private static string Aapl => SharedData.Path("react-stockcharts", "AAPL_INTRA_DAY.tsv");

    [SharedDataFact]
    public void Recorded_files_give_21_sessions_of_390_start_labelled_bars()
    {
        foreach (var file in new[] { "AAPL_INTRA_DAY.tsv", "MSFT_INTRA_DAY.tsv" })
        {
            // act
            var sessions =
                ReactStockChartsIntraday.Load(SharedData.Path("react-stockcharts", file));

            // assert
            Assert.Equal(21, sessions.Count);
            Assert.Equal(new LocalDate(2016, 4, 15), sessions[0].Date);
            Assert.Equal(new LocalDate(2016, 5, 13), sessions[^1].Date);
            SessionAssert.WholeAndConsistent(sessions);
        }
    }

    [SharedDataFact]
    public void The_opening_auction_row_folds_into_the_first_bar()
    {
        // act
        var first = ReactStockChartsIntraday.Load(Aapl)[0];

        // assert: rows 09:30 (112.11 112.11 112 112.06 2316232) and
        // 09:31 (112.04 112.1 112 112.085 115476) make the bar starting 09:30
        var bar = first.Minutes[0];
        Assert.Equal(Clocks.Et(2016, 4, 15, 9, 30), bar.Start);
        Assert.Equal(112.11m, bar.Open);
        Assert.Equal(112.11m, bar.High);
        Assert.Equal(112m, bar.Low);
        Assert.Equal(112.085m, bar.Close);
        Assert.Equal(2316232 + 115476, bar.Volume);

        // the 16:00 row (109.754 109.87 109.73 109.85 2795325) is the bar starting 15:59
        var last = first.Minutes[^1];
        Assert.Equal(Clocks.Et(2016, 4, 15, 15, 59), last.Start);
        Assert.Equal(new Candle(last.Start, 109.754m, 109.87m, 109.73m, 109.85m, 2795325), last);
    }

    [SharedDataFact]
    public void Rolled_up_minutes_match_an_independent_daily_source()
    {
        // arrange
        var daily = YahooDaily.Load(
            SharedData.Path("mplfinance", "yahoofinance-AAPL-20040819-20180120.csv"));
        var sessions = ReactStockChartsIntraday.Load(Aapl);

        // act
        var exact = 0;
        foreach (var session in sessions)
        {
            var m = session.Minutes;
            var rolled = (m[0].Open, m.Max(b => b.High), m.Min(b => b.Low), m[^1].Close);
            var other = daily[session.Date];

            // assert: the data README says 19 of 21 sessions agree, the others within 3 cents
            Assert.InRange(Math.Abs(rolled.Item1 - other.Open), 0m, 0.03m);
            Assert.InRange(Math.Abs(rolled.Item2 - other.High), 0m, 0.03m);
            Assert.InRange(Math.Abs(rolled.Item3 - other.Low), 0m, 0.03m);
            Assert.InRange(Math.Abs(rolled.Item4 - other.Close), 0m, 0.03m);
            Assert.True(rolled.Item2 >= rolled.Item3);
            if (Cents(rolled) == Cents((other.Open, other.High, other.Low, other.Close)))
                exact++;
        }

        Assert.Equal(19, exact);
    }

    [Fact]
    public void A_file_without_a_trailing_newline_reads_its_last_row()
    {
        // arrange: 09:30 auction, 09:31, 09:32 on 2016-04-15 (EDT), no final newline
        var text = Header +
                   "1460727000000\t10\t10.5\t9.9\t10.2\t100\n" +
                   "1460727060000\t10.2\t10.3\t10.1\t10.25\t50\n" +
                   "1460727120000\t10.25\t10.4\t10.2\t10.3\t70";

        // act
        var sessions = ReactStockChartsIntraday.Parse(new StringReader(text), "tiny.tsv");

        // assert
        var bars = Assert.Single(sessions).Minutes;
        Assert.Equal(2, bars.Count);
        Assert.Equal(
            new Candle(Clocks.Et(2016, 4, 15, 9, 30), 10m, 10.5m, 9.9m, 10.25m, 150), bars[0]);
        Assert.Equal(
            new Candle(Clocks.Et(2016, 4, 15, 9, 31), 10.25m, 10.4m, 10.2m, 10.3m, 70), bars[1]);
    }

    [Theory]
    [InlineData("1460727060000\t10\tten\t9\t10\t5\n", "line 3", "high 'ten' is not a number")]
    [InlineData("1460727060000\t10\t11\t9\t12\t5\n", "line 3", "close 12 lies outside")]
    [InlineData("1460727060000\t10\t11\t9\t10\n", "line 3", "missing field 'volume'")]
    [InlineData("1460727000000\t10\t11\t9\t10\t5\n", "line 3", "is not after the previous row")]
    [InlineData("1460727061000\t10\t11\t9\t10\t5\n", "line 3", "not on a whole minute")]
    [InlineData("1460727060000\t10\t11\t9\t10\t-5\n", "line 3", "volume -5 is negative")]
    public void Malformed_lines_name_the_file_and_the_line(string badRow, string line, string why)
    {
        // arrange
        var text = Header + "1460727000000\t10\t11\t9\t10\t5\n" + badRow;

        // act
        var error = Assert.Throws<FormatException>(
            () => ReactStockChartsIntraday.Parse(new StringReader(text), "AAPL_INTRA_DAY.tsv"));

        // assert
        Assert.Contains("AAPL_INTRA_DAY.tsv", error.Message);
        Assert.Contains(line, error.Message);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void A_header_without_a_needed_column_is_refused()
    {
        var text = "date\topen\thigh\tlow\tvolume\n1460727000000\t10\t11\t9\t5\n";

        var error = Assert.Throws<FormatException>(
            () => ReactStockChartsIntraday.Parse(new StringReader(text), "x.tsv"));

        Assert.Contains("x.tsv, line 1", error.Message);
        Assert.Contains("'close'", error.Message);
    }

    private static (decimal, decimal, decimal, decimal) Cents(
        (decimal Open, decimal High, decimal Low, decimal Close) bar) =>
        (Round(bar.Open), Round(bar.High), Round(bar.Low), Round(bar.Close));

    private static decimal Round(decimal value) =>
        Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
