using Akka.Collector.Domain.Candles;
using Npgsql;
using NpgsqlTypes;

namespace Akka.Collector.Store.Postgres;

/// <summary>
/// Writes one batch inside the caller's transaction, in a fixed number of round trips
/// whatever its size: bars that are all new go by binary COPY straight into candles; a batch
/// holding any stored bar goes by binary COPY into a temporary staging table and from there
/// into candles with one INSERT ... ON CONFLICT DO UPDATE; the covered ranges go in as arrays
/// and are merged with the stored ones by set-based statements.
/// </summary>
/// <remarks>
/// COPY rather than batched upserts (one <c>INSERT ... SELECT FROM unnest(arrays) ON
/// CONFLICT</c> per 10,000 bars): on 1,000,000 bars in batches of 100,000, on a 2-core
/// machine shared with other builds, COPY plus upsert wrote 11-18k new bars/s against
/// 13-22k for unnest, and 10-15k corrections/s against 11-15k: a tie within that machine's
/// noise. COPY stays because only COPY can take new bars straight into the table, which
/// the bench (README "Benchmarks") then measured at or above psql's own \copy.
/// The store trusts its caller, as the SQLite one does: bars are stored as given. Two bars
/// with one start in a batch: the later one wins (an upsert may not touch a row twice, so
/// such a batch is de-duplicated here first).
/// </remarks>
internal static class PostgresBatchWriter
{
    private const string StagingTable = """
        CREATE TEMPORARY TABLE candles_staging (
            symbol TEXT, interval TEXT, start_ms BIGINT, open DOUBLE PRECISION,
            high DOUBLE PRECISION, low DOUBLE PRECISION, close DOUBLE PRECISION, volume BIGINT
        ) ON COMMIT DROP
        """;

    private const string CopyStagingSql = """
        COPY candles_staging (symbol, interval, start_ms, open, high, low, close, volume)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string CopyNewSql = """
        COPY candles (symbol, interval, start_ms, open, high, low, close, volume)
        FROM STDIN (FORMAT BINARY)
        """;

    // Every field of a corrected bar replaces the stored one; an unchanged bar is not
    // rewritten, so a re-fetch does not churn the table and its WAL.
    private const string UpsertSql = """
        INSERT INTO candles (symbol, interval, start_ms, open, high, low, close, volume)
        SELECT symbol, interval, start_ms, open, high, low, close, volume FROM candles_staging
        ON CONFLICT (symbol, interval, start_ms) DO UPDATE SET
            open = excluded.open, high = excluded.high, low = excluded.low,
            close = excluded.close, volume = excluded.volume
        WHERE (candles.open, candles.high, candles.low, candles.close, candles.volume)
            IS DISTINCT FROM
              (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume)
        """;

    private const string CoverageStagingTable = """
        CREATE TEMPORARY TABLE coverage_staging (
            symbol TEXT, interval TEXT, from_ms BIGINT, to_ms BIGINT
        ) ON COMMIT DROP
        """;

    private const string CoverageStagingSql = """
        INSERT INTO coverage_staging
        SELECT * FROM unnest(@symbols::text[], @intervals::text[], @froms::bigint[],
                             @tos::bigint[])
        """;

    // A re-fetch inside one stored span changes nothing: drop it before it touches a row.
    private const string DropKnownSql = """
        DELETE FROM coverage_staging n USING coverage c
        WHERE c.symbol = n.symbol AND c.interval = n.interval
          AND c.from_ms <= n.from_ms AND c.to_ms >= n.to_ms
        """;

    // Stored rows that overlap or touch a new range ([a, b) and [b, c) are one span) move
    // into the staging table; stored rows are disjoint and apart, so no other row can touch
    // the union.
    private const string TakeTouchedSql = """
        WITH touched AS (
            DELETE FROM coverage c USING coverage_staging n
            WHERE c.symbol = n.symbol AND c.interval = n.interval
              AND c.from_ms <= n.to_ms AND c.to_ms >= n.from_ms
            RETURNING c.symbol, c.interval, c.from_ms, c.to_ms
        )
        INSERT INTO coverage_staging SELECT * FROM touched
        """;

    // Islands: a range starts a new span unless it begins at or before the furthest end of
    // the ranges sorted before it; each span goes back as one row.
    private const string InsertMergedSql = """
        INSERT INTO coverage (symbol, interval, from_ms, to_ms)
        SELECT symbol, interval, MIN(from_ms), MAX(to_ms)
        FROM (
            SELECT *, SUM(starts) OVER (PARTITION BY symbol, interval
                                        ORDER BY from_ms, to_ms ROWS UNBOUNDED PRECEDING) AS span
            FROM (
                SELECT *, CASE WHEN from_ms <= MAX(to_ms) OVER (
                              PARTITION BY symbol, interval ORDER BY from_ms, to_ms
                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                          THEN 0 ELSE 1 END AS starts
                FROM coverage_staging
            ) marked
        ) spans
        GROUP BY symbol, interval, span
        """;

    public static async Task WriteAsync(
        NpgsqlConnection connection, IReadOnlyList<CandleWrite> writes,
        CancellationToken cancellationToken)
    {
        var bars = LatestBars(writes);
        if (bars.Count > 0)
            await UpsertBarsAsync(connection, bars, cancellationToken);

        await MergeCoverageAsync(connection, writes, cancellationToken);
    }

    /// <summary>
    /// New bars (a backfill, the next minutes of a round) go straight into candles by COPY,
    /// inside a savepoint; the first bar already stored fails that COPY with a unique
    /// violation, which is rolled back to the savepoint and the batch goes the upsert way.
    /// </summary>
    private static async Task UpsertBarsAsync(
        NpgsqlConnection connection, IReadOnlyList<(CandleWrite Write, Candle Bar)> bars,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "SAVEPOINT new_bars", cancellationToken);
        try
        {
            await CopyAsync(connection, CopyNewSql, bars, cancellationToken);
            await ExecuteAsync(connection, "RELEASE SAVEPOINT new_bars", cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT new_bars", cancellationToken);
        }

        await ExecuteAsync(connection, StagingTable, cancellationToken);
        await CopyAsync(connection, CopyStagingSql, bars, cancellationToken);
        await ExecuteAsync(connection, UpsertSql, cancellationToken);
    }

    private static async Task CopyAsync(
        NpgsqlConnection connection, string copySql,
        IReadOnlyList<(CandleWrite Write, Candle Bar)> bars, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(copySql, cancellationToken);

        // Synchronous writes into the importer's buffer: it only blocks when the buffer goes
        // to the socket, and an await per field costs more than the COPY itself.
        foreach (var (write, bar) in bars)
        {
            copy.StartRow();
            copy.Write(write.Symbol.Value, NpgsqlDbType.Text);
            copy.Write(write.Interval.Name, NpgsqlDbType.Text);
            copy.Write(RowMapping.ToMs(bar.Start), NpgsqlDbType.Bigint);
            copy.Write(RowMapping.ToStored(bar.Open), NpgsqlDbType.Double);
            copy.Write(RowMapping.ToStored(bar.High), NpgsqlDbType.Double);
            copy.Write(RowMapping.ToStored(bar.Low), NpgsqlDbType.Double);
            copy.Write(RowMapping.ToStored(bar.Close), NpgsqlDbType.Double);
            copy.Write(bar.Volume, NpgsqlDbType.Bigint);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task MergeCoverageAsync(
        NpgsqlConnection connection, IReadOnlyList<CandleWrite> writes,
        CancellationToken cancellationToken)
    {
        // An empty range was not a fetch of anything; bars in its write are still stored.
        var ranges = writes.Where(w => !w.Covered.IsEmpty).ToList();
        if (ranges.Count == 0)
            return;

        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(CoverageStagingTable));
        var stage = new NpgsqlBatchCommand(CoverageStagingSql);
        stage.Parameters.AddWithValue("symbols", ranges.Select(w => w.Symbol.Value).ToArray());
        stage.Parameters.AddWithValue("intervals", ranges.Select(w => w.Interval.Name).ToArray());
        stage.Parameters.AddWithValue(
            "froms", ranges.Select(w => RowMapping.ToMs(w.Covered.From)).ToArray());
        stage.Parameters.AddWithValue(
            "tos", ranges.Select(w => RowMapping.ToMs(w.Covered.To)).ToArray());
        batch.BatchCommands.Add(stage);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(DropKnownSql));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(TakeTouchedSql));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertMergedSql));

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Every bar of the batch once, the later of two with one key. The common batch (each
    /// symbol and interval once, bars in time order, as vendors send them) is checked in one
    /// pass and taken as it is; only a batch that fails the check pays for a dictionary.
    /// </summary>
    private static IReadOnlyList<(CandleWrite Write, Candle Bar)> LatestBars(
        IReadOnlyList<CandleWrite> writes)
    {
        var seen = new HashSet<(string, string)>();
        var ordered = true;
        var count = 0;
        foreach (var write in writes)
        {
            count += write.Bars.Count;
            ordered &= seen.Add((write.Symbol.Value, write.Interval.Name));
            for (var i = 1; ordered && i < write.Bars.Count; i++)
                ordered = write.Bars[i - 1].Start < write.Bars[i].Start;
        }

        if (ordered)
        {
            var all = new List<(CandleWrite, Candle)>(count);
            foreach (var write in writes)
            {
                foreach (var bar in write.Bars)
                    all.Add((write, bar));
            }

            return all;
        }

        var latest = new Dictionary<(string, string, long), (CandleWrite, Candle)>(count);
        foreach (var write in writes)
        {
            foreach (var bar in write.Bars)
            {
                var key = (write.Symbol.Value, write.Interval.Name, RowMapping.ToMs(bar.Start));
                latest[key] = (write, bar);
            }
        }

        return latest.Values.ToList();
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
