using Akka.Collector.Domain.Candles;
using Akka.Collector.TestSupport.Data;
using Akka.Collector.Vendors.Replay;
using Akka.Collector.Vendors.Tests.Support;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Replay;

public sealed class MplfinanceIntradayTests
{
    private const string Header = "Date,Open,Close,High,Low,Volume\r\n";

    private static string Sp500 => SharedData.Path("mplfinance", "SP500_NOV2019_IDay.csv");

    [SharedDataFact]
    public void The_recorded_file_gives_4_sessions_of_390_bars_without_the_16_00_prints()
    {
        // act
        var sessions = MplfinanceIntraday.Load(Sp500);

        // assert
        Assert.Equal(
            [new LocalDate(2019, 11, 5), new(2019, 11, 6), new(2019, 11, 7), new(2019, 11, 8)],
            sessions.Select(s => s.Date));
        SessionAssert.WholeAndConsistent(sessions);
    }

    [SharedDataFact]
    public void Close_and_high_are_read_from_their_own_columns()
    {
        // act
        var first = MplfinanceIntraday.Load(Sp500)[0];

        // assert: "11/5/2019 9:30,3080.8,3080.49,3081.47,3080.3,0" is open, CLOSE, high, low
        Assert.Equal(
            new Candle(Clocks.Et(2019, 11, 5, 9, 30), 3080.8m, 3081.47m, 3080.3m, 3080.49m, 0),
            first.Minutes[0]);

        // and "11/5/2019 15:59,3074.69,3074.81,3075.57,3073.65,0" ends the session, not 16:00
        Assert.Equal(
            new Candle(Clocks.Et(2019, 11, 5, 15, 59), 3074.69m, 3075.57m, 3073.65m, 3074.81m, 0),
            first.Minutes[^1]);
    }

    [Fact]
    public void Rows_outside_regular_hours_are_dropped_and_a_missing_newline_is_fine()
    {
        // arrange
        var text = Header +
                   "11/5/2019 9:29,10,10,10,10,0\r\n" +
                   "11/5/2019 9:30,10,10.2,10.5,9.9,7\r\n" +
                   "11/5/2019 16:00,10.2,10.2,10.2,10.2,0";

        // act
        var sessions = MplfinanceIntraday.Parse(new StringReader(text), "spx.csv");

        // assert
        var bar = Assert.Single(Assert.Single(sessions).Minutes);
        Assert.Equal(new Candle(Clocks.Et(2019, 11, 5, 9, 30), 10m, 10.5m, 9.9m, 10.2m, 7), bar);
    }

    [Theory]
    [InlineData("2019-11-05 09:31,1,1,1,1,0", "Date '2019-11-05 09:31' is not like")]
    [InlineData("11/5/2019 9:31,1,1,0.5,1.5,0", "low 1.5 is above high 0.5")]
    [InlineData("11/5/2019 9:31,1,1,1,1,2.5", "Volume '2.5' is not a whole number")]
    [InlineData("11/5/2019 9:30,1,1,1,1,0", "is not after the previous row")]
    public void Malformed_lines_name_the_file_and_the_line(string badRow, string why)
    {
        // arrange
        var text = Header + "11/5/2019 9:30,1,1,1,1,0\r\n" + badRow + "\r\n";

        // act
        var error = Assert.Throws<FormatException>(
            () => MplfinanceIntraday.Parse(new StringReader(text), "SP500.csv"));

        // assert
        Assert.Contains("SP500.csv, line 3", error.Message);
        Assert.Contains(why, error.Message);
    }
}
