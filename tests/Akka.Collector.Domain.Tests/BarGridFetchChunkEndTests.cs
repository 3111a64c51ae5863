using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class BarGridFetchChunkEndTests
{
    private static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());

    private static Instant Utc(int y, int m, int d, int h, int min) =>
        Instant.FromUtc(y, m, d, h, min);

    [Fact]
    public void A_range_within_the_session_limit_is_fetched_whole()
    {
        var from = Utc(2026, 12, 1, 14, 30);
        var upTo = Utc(2026, 12, 3, 21, 0);

        Assert.Equal(upTo, Grid.FetchChunkEnd(from, upTo, maxSessions: 3));
    }

    [Fact]
    public void A_longer_range_stops_at_the_close_of_its_last_allowed_session()
    {
        // Mon 2026-11-23 .. Fri 2026-11-27: Thanksgiving (26th) is closed, the 27th closes 13:00
        var from = Utc(2026, 11, 23, 14, 30);
        var upTo = Utc(2026, 12, 4, 21, 0);

        Assert.Equal(Utc(2026, 11, 24, 21, 0), Grid.FetchChunkEnd(from, upTo, maxSessions: 2));
        Assert.Equal(Utc(2026, 11, 27, 18, 0), Grid.FetchChunkEnd(from, upTo, maxSessions: 4));
    }

    [Fact]
    public void A_range_starting_mid_session_counts_that_session_first()
    {
        var from = Utc(2026, 12, 2, 17, 0);
        var upTo = Utc(2026, 12, 4, 21, 0);

        Assert.Equal(Utc(2026, 12, 2, 21, 0), Grid.FetchChunkEnd(from, upTo, maxSessions: 1));
    }

    [Fact]
    public void A_range_starting_at_a_close_begins_with_the_next_session()
    {
        var from = Utc(2026, 12, 2, 21, 0);
        var upTo = Utc(2026, 12, 4, 21, 0);

        Assert.Equal(Utc(2026, 12, 3, 21, 0), Grid.FetchChunkEnd(from, upTo, maxSessions: 1));
    }

    [Fact]
    public void Fewer_than_one_session_per_fetch_is_rejected()
    {
        var t = Utc(2026, 12, 2, 21, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => Grid.FetchChunkEnd(t, t, maxSessions: 0));
    }
}
