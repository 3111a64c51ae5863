using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.TestSupport.Data;
using Akka.Collector.Vendors.Replay;
using Akka.Collector.Vendors.Tests.Support;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Replay;

public sealed class ReplaySourceFactoryTests : IDisposable
{
    // 2016-04-15 09:30 (auction), 09:31 and 09:32 in react-stockcharts form.
    private const string TinyTsv = "date\topen\thigh\tlow\tclose\tvolume\n" +
                                   "1460727000000\t10\t10.5\t9.9\t10.2\t100\n" +
                                   "1460727060000\t10.2\t10.3\t10.1\t10.25\t50\n" +
                                   "1460727120000\t10.25\t10.4\t10.2\t10.3\t70\n";

    private const string TinyCsv = "Date,Open,Close,High,Low,Volume\n" +
                                   "11/5/2019 9:30,20,21,22,19,0\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("replay-factory-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Intraday_tsv_files_in_the_directory_and_its_folders_are_found_by_name()
    {
        // arrange
        Write("abc_INTRA_DAY.tsv", TinyTsv);
        Write("sub/XYZ_INTRA_DAY.tsv", TinyTsv);
        Write("notes.tsv", "not a recording");

        // act
        var recordings = Load(new ReplayOptions { Directory = _dir });

        // assert
        Assert.Equal(["ABC", "XYZ"], recordings.Select(r => r.Symbol.Value));
        Assert.All(recordings, r => Assert.Equal(2, Assert.Single(r.Sessions).Minutes.Count));
    }

    [Fact]
    public async Task Listed_files_join_the_found_ones_with_paths_relative_to_the_directory()
    {
        // arrange
        Write("ABC_INTRA_DAY.tsv", TinyTsv);
        Write("spx/index.csv", TinyCsv);
        var options = new ReplayOptions
        {
            Directory = _dir,
            Files = [File("spx", "spx/index.csv", "mplfinance")],
        };
        var clock = Clocks.At(2026, 12, 4, 17, 0);

        // act
        var source = ReplaySourceFactory.Create(options, clock, Calendars.Grid());
        var spx = (await source.Batch(["SPX"], BarInterval.M1,
            Clocks.Et(2026, 12, 4, 0, 0), Clocks.Et(2026, 12, 5, 0, 0))).For(Symbol.Parse("SPX"));

        // assert
        Assert.Equal(["ABC", "SPX"], source.Symbols.Select(s => s.Value));
        Assert.Equal(
            new Candle(Clocks.Et(2026, 12, 4, 9, 30), 20m, 22m, 19m, 21m, 0), Assert.Single(spx));
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var options = new ReplayOptions
        {
            Files = [File("SPX", Path.Combine(_dir, "nope.csv"), "mplfinance")],
        };

        var error = Assert.Throws<FileNotFoundException>(() => Load(options));

        Assert.Contains("nope.csv", error.Message);
        Assert.Contains("SPX", error.Message);
    }

    [Fact]
    public void An_unknown_format_lists_the_known_ones()
    {
        Write("spx.csv", TinyCsv);
        var options = new ReplayOptions
        {
            Directory = _dir,
            Files = [File("SPX", "spx.csv", "yahoo")],
        };

        var error = Assert.Throws<ArgumentException>(() => Load(options));

        Assert.Contains("unknown format 'yahoo'", error.Message);
        Assert.Contains(RecordingFormats.Mplfinance, error.Message);
        Assert.Contains(RecordingFormats.ReactStockCharts, error.Message);
    }

    [Fact]
    public void A_missing_directory_or_nothing_to_play_is_an_error()
    {
        var missing = new ReplayOptions { Directory = Path.Combine(_dir, "absent") };

        Assert.Throws<DirectoryNotFoundException>(() => Load(missing));
        var empty = Assert.Throws<ArgumentException>(
            () => Load(new ReplayOptions { Directory = _dir }));
        Assert.Contains("nothing to play", empty.Message);
    }

    [Fact]
    public void A_malformed_file_fails_with_its_name_and_line()
    {
        Write("BAD_INTRA_DAY.tsv", TinyTsv + "1460727180000\t1\t2\n");

        var error = Assert.Throws<FormatException>(
            () => Load(new ReplayOptions { Directory = _dir }));

        Assert.Contains("BAD_INTRA_DAY.tsv, line 5", error.Message);
    }

    [SharedDataFact]
    public async Task The_shared_recordings_replay_onto_the_calendar()
    {
        // arrange: AAPL and MSFT found in the directory, the S&P 500 file listed as SPX
        var options = new ReplayOptions
        {
            Directory = SharedData.Directory,
            Files = [File("SPX", "mplfinance/SP500_NOV2019_IDay.csv", "mplfinance")],
        };
        var clock = Clocks.At(2026, 12, 4, 17, 0);
        var recorded = ReactStockChartsIntraday.Load(
            SharedData.Path("react-stockcharts", "AAPL_INTRA_DAY.tsv"));

        // act
        var source = ReplaySourceFactory.Create(options, clock, Calendars.Grid());
        var batch = await source.Batch(["AAPL", "MSFT", "SPX"], BarInterval.D1,
            Clocks.Et(2026, 11, 1, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));

        // assert: 21 AAPL sessions end on 12-04 with 2016-05-13's day; SPX has 4 sessions
        var aapl = batch.For(Symbol.Parse("AAPL"));
        Assert.Equal(21, aapl.Count);
        Assert.Equal(21, batch.For(Symbol.Parse("MSFT")).Count);
        Assert.Equal(4, batch.For(Symbol.Parse("SPX")).Count);
        Assert.Equal(Clocks.Et(2026, 12, 4, 9, 30), aapl[^1].Start);
        Assert.Equal(recorded[^1].Minutes[^1].Close, aapl[^1].Close);
        Assert.Equal(recorded[^1].Minutes.Max(m => m.High), aapl[^1].High);
        Assert.Equal(recorded[0].Minutes[0].Open, aapl[0].Open);
        Assert.All(aapl, b => Assert.True(b.High >= b.Low));
    }

    private static IReadOnlyList<SymbolRecording> Load(ReplayOptions options) =>
        ReplaySourceFactory.LoadRecordings(options);

    private static ReplayFileOptions File(string symbol, string path, string format) =>
        new() { Symbol = symbol, Path = path, Format = format };

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
    }
}
