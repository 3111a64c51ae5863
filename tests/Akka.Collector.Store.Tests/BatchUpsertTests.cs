using System.Globalization;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store.Tests.Support;
using Microsoft.Data.Sqlite;
using NodaTime;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests;

/// <summary>
/// The SQLite batch upsert of many bars: writes whose bar counts fall on either side of any
/// statement size the writer may group bars into, corrections, duplicates and failures.
/// </summary>
public sealed class BatchUpsertTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    // Around every multiple of 32 and 50 up to 200, and one long write.
    public static TheoryData<int> BarCounts =>
        [1, 2, 31, 32, 33, 49, 50, 51, 63, 64, 65, 99, 100, 101, 127, 128, 129, 199, 200, 1001];

    [Theory]
    [MemberData(nameof(BarCounts))]
    public async Task Should_store_every_bar_of_a_write_exactly_as_given(int count)
    {
        // arrange: a price of other digits in every field of every bar
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var bars = Enumerable.Range(0, count).Select(Distinct).ToList();

        // act
        await store.WriteAsync([new CandleWrite(Aapl, BarInterval.M1, Minutes(0, count), bars)],
            None);

        // assert: read back as given, and stored as RowMapping's double of each price
        var read = await store.ReadAsync(
            Aapl, BarInterval.M1, Minute(0), Minute(count), count, None);
        Assert.Equal(bars, read);
        Assert.Equal(bars.Select(Stored), StoredRows(db));
    }

    [Fact]
    public async Task Should_store_several_symbols_and_intervals_of_uneven_sizes_in_one_batch()
    {
        // arrange
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var aapl = OneMinuteBars(Aapl, 0, 130);
        var msft = OneMinuteBars(Msft, 7, 71);
        var aapl5m = Covering(Aapl, BarInterval.M5, 0, 100, Bar(0), Bar(5, 101m));

        // act
        await store.WriteAsync([aapl, msft, aapl5m], None);

        // assert
        Assert.Equal(aapl.Bars, await ReadAllAsync(store, Aapl, BarInterval.M1));
        Assert.Equal(msft.Bars, await ReadAllAsync(store, Msft, BarInterval.M1));
        Assert.Equal(aapl5m.Bars, await ReadAllAsync(store, Aapl, BarInterval.M5));
        Assert.Equal(130 + 64 + 2, db.Scalar("SELECT COUNT(*) FROM candles"));
    }

    [Theory]
    [InlineData(10, 40)] // both early in one write
    [InlineData(5, 70)] // far apart in one write
    [InlineData(96, 99)] // both among the last bars
    [InlineData(0, 199)] // the first and the last
    public async Task Should_keep_the_later_of_two_bars_with_one_start_in_a_write(
        int first, int second)
    {
        // arrange: 200 bars, the one at `second` carrying the start of the one at `first`
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var bars = Enumerable.Range(0, 200).Select(Distinct).ToList();
        var later = bars[second] with { Start = bars[first].Start };
        bars[second] = later;

        // act
        await store.WriteAsync([new CandleWrite(Aapl, BarInterval.M1, Minutes(0, 200), bars)],
            None);

        // assert: 199 bars, the later one in the earlier one's place
        var read = await ReadAllAsync(store, Aapl, BarInterval.M1);
        Assert.Equal(199, read.Count);
        Assert.Equal(later, read.Single(b => b.Start == later.Start));
        Assert.DoesNotContain(bars[first], read);
    }

    [Fact]
    public async Task Should_rewrite_only_the_bars_a_correction_changes()
    {
        // arrange: 150 bars stored, and a log of every row SQLite updates from now on
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        var bars = Enumerable.Range(0, 150).Select(Distinct).ToList();
        await store.WriteAsync([Write(bars)], None);
        db.Execute("CREATE TABLE updated (start_ms INTEGER NOT NULL)");
        db.Execute("""
            CREATE TRIGGER log_update AFTER UPDATE ON candles
            BEGIN INSERT INTO updated VALUES (NEW.start_ms); END
            """);

        // act: the same bars again, three of them each with one other column
        var corrected = bars.ToList();
        corrected[3] = corrected[3] with { Close = corrected[3].Close + 0.01m };
        corrected[77] = corrected[77] with { Volume = corrected[77].Volume + 1 };
        corrected[149] = corrected[149] with { Low = corrected[149].Low - 0.5m };
        await store.WriteAsync([Write(corrected)], None);

        // assert: exactly those three rows were written, each with its new value
        Assert.Equal(3, db.Scalar("SELECT COUNT(*) FROM updated"));
        Assert.Equal(1, db.Scalar(
            $"SELECT COUNT(*) FROM updated WHERE start_ms = {Ms(corrected[77])}"));
        Assert.Equal(corrected, await ReadAllAsync(store, Aapl, BarInterval.M1));
    }

    [Theory]
    [InlineData(0)] // the first bar of the second write
    [InlineData(37)] // inside it
    [InlineData(99)] // its last bar
    public async Task Should_store_nothing_of_a_batch_when_a_bar_fails_and_recover_after(
        int failing)
    {
        // arrange: SQLite refuses one MSFT bar, after all of AAPL's were written
        using var db = new TempDatabase();
        var store = await db.OpenStoreAsync();
        db.Execute($"""
            CREATE TRIGGER refuse BEFORE INSERT ON candles
            WHEN NEW.symbol = 'MSFT' AND NEW.start_ms = {Ms(Minute(failing))}
            BEGIN SELECT RAISE(ABORT, 'rigged refusal'); END
            """);
        CandleWrite[] batch = [OneMinuteBars(Aapl, 0, 100), OneMinuteBars(Msft, 0, 100)];

        // act
        var write = () => store.WriteAsync(batch, None);

        // assert: SQLite's own message, and neither the bars nor the coverage of AAPL kept
        var error = await Assert.ThrowsAsync<SqliteException>(write);
        Assert.Contains("rigged refusal", error.Message);
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM candles"));
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM coverage"));

        // act: the same store writes the batch once SQLite takes it
        db.Execute("DROP TRIGGER refuse");
        await store.WriteAsync(batch, None);

        // assert
        Assert.Equal(200, db.Scalar("SELECT COUNT(*) FROM candles"));
        Assert.Equal(batch[1].Bars, await ReadAllAsync(store, Msft, BarInterval.M1));
    }

    // Every bar its own prices: four different ones per bar, 1 to 15 significant digits.
    private static Candle Distinct(int minute)
    {
        var basis = 10m + minute * 0.0137m;
        return new Candle(Minute(minute), basis, basis + 123456789.012345m - 123456789m,
            basis - 0.0001m * (minute % 9 + 1), Math.Round(basis / 3m, minute % 12 + 1),
            1_000L + minute * 9_000_000_007L);
    }

    private static CandleWrite Write(IReadOnlyList<Candle> bars) =>
        new(Aapl, BarInterval.M1, Minutes(0, bars.Count), bars);

    private static long Ms(Candle bar) => Ms(bar.Start);

    private static long Ms(Instant start) => start.ToUnixTimeMilliseconds();

    private static string Stored(Candle bar) => Row(Ms(bar),
        (double)bar.Open, (double)bar.High, (double)bar.Low, (double)bar.Close, bar.Volume);

    private static string Row(long start, double o, double h, double l, double c, long v) =>
        string.Create(CultureInfo.InvariantCulture, $"{start} {o:R} {h:R} {l:R} {c:R} {v}");

    // The candles table as SQLite holds it, oldest first: the doubles themselves.
    private static List<string> StoredRows(TempDatabase db)
    {
        using var connection = db.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT start_ms, open, high, low, close, volume FROM candles ORDER BY start_ms";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Row(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2),
                reader.GetDouble(3), reader.GetDouble(4), reader.GetInt64(5)));
        }

        return rows;
    }

    private static Task<IReadOnlyList<Candle>> ReadAllAsync(
        ICandleStore store, Symbol symbol, BarInterval interval) =>
        store.ReadAsync(symbol, interval, Minute(-100_000), Minute(100_000), 100_000, None);
}
