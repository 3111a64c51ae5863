using System.Runtime.Serialization;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Serialization;

/// <summary>
/// The collector's own wire format: stable bytes for what is already stored, and a clear
/// error, never a wrong message, for what this build cannot read.
/// </summary>
public sealed class CollectorMessageSerializerSpecs()
    : Akka.TestKit.Xunit2.TestKit(RepoHocon.AkkaConf(), nameof(CollectorMessageSerializerSpecs))
{
    // Format 1 of sy.collect: format byte, "AAPL", "1m", 19790 days + 55,860 s in nanoseconds
    // since the epoch (7-bit varints), round 42. Journals hold these bytes: they must always
    // read back, whatever format this build writes.
    private const string CollectV1 = "01044141504c02316dce9a018090d4dbded90c2a";

    // Format 2 left sy.collect's fields as they were: only the format byte differs.
    private const string CollectV2 = "02044141504c02316dce9a018090d4dbded90c2a";

    // Format 1 of iv.round-report: 5m, round 17 up to 2024-03-08T15:31Z, 480 done, 20 failed,
    // not timed out; written before format 2 appended the failure summary.
    private const string ReportV1 =
        "0102356d11ce9a018090d4dbded90cce9a018090d4dbded90cce9a0180cc95f2e9d90ce0031400";

    // Format 1 of iv.status: that report as the last round, the calendar problem, not
    // degraded; written before format 2 appended the newest complete round.
    private const string StatusV1 =
        "0102356d0102356d11ce9a018090d4dbded90cce9a018090d4dbded90cce9a0180cc95f2e9d90ce0"
        + "03140000120300010d63616c656e64617220656e64730000";

    private static readonly Instant BarEnd = Instant.FromUtc(2024, 3, 8, 15, 31);

    private static readonly SymbolProtocol.Collect Collect = new(
        Symbol.Parse("AAPL"), BarInterval.M1, BarEnd, 42);

    private static readonly IntervalProtocol.RoundReport Report = new(
        BarInterval.M5, 17, BarEnd, BarEnd, BarEnd + Duration.FromSeconds(3), 480, 20, false);

    private CollectorMessageSerializer Serializer =>
        Assert.IsType<CollectorMessageSerializer>(Sys.Serialization.FindSerializerFor(Collect));

    [Fact]
    public void Format_2_bytes_of_a_message_do_not_change()
    {
        // act
        var bytes = Serializer.ToBinary(Collect);

        // assert
        Assert.Equal("sy.collect", Serializer.Manifest(Collect));
        Assert.Equal(CollectV2, Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Format_1_round_report_reads_back_without_a_failure_summary()
    {
        // act
        var back = Serializer.FromBinary(Convert.FromHexString(ReportV1), "iv.round-report");

        // assert
        var report = Assert.IsType<IntervalProtocol.RoundReport>(back);
        Assert.Equal(Report, report);
        Assert.Null(report.Failures);
    }

    [Fact]
    public void Format_1_status_reads_back_without_a_complete_round()
    {
        // act
        var back = Serializer.FromBinary(Convert.FromHexString(StatusV1), "iv.status");

        // assert
        var status = Assert.IsType<IntervalProtocol.Status>(back);
        Assert.Equal(Report, status.LastRound);
        Assert.Equal("calendar ends", status.Problem);
        Assert.Null(status.CompleteUpTo);
    }

    [Fact]
    public void Stored_format_1_bytes_read_back_with_the_canonical_interval()
    {
        // act
        var back = Serializer.FromBinary(Convert.FromHexString(CollectV1), "sy.collect");

        // assert
        var collect = Assert.IsType<SymbolProtocol.Collect>(back);
        Assert.Equal(Collect, collect);
        Assert.Same(BarInterval.M1, collect.Interval);
    }

    [Theory]
    [InlineData("sy.collect", "03044141504c02316dce9a018090d4dbded90c2a", "format 3")]
    [InlineData("sy.collect", "01044141504c02316dce9a018090d4dbded90c2a00", "bytes left")]
    [InlineData("sy.collect", "01044141504c02316d", "could not be read")]
    [InlineData("sy.collect", "01044141504c02316dffffffff07002a", "could not be read")]
    [InlineData("sy.collect", "01043161706c02316dce9a018090d4dbded90c2a", "start with a letter")]
    [InlineData("sy.collect", "01044141504c02396dce9a018090d4dbded90c2a", "unknown interval '9m'")]
    [InlineData("sy.launch-rocket", "01", "unknown collector message 'sy.launch-rocket'")]
    public void Unreadable_bytes_fail_with_a_reason_instead_of_a_wrong_message(
        string manifest, string hex, string reason)
    {
        // act
        var error = Assert.Throws<SerializationException>(
            () => Serializer.FromBinary(Convert.FromHexString(hex), manifest));

        // assert
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_message_type_without_a_codec_is_refused_by_name()
    {
        // act
        var error = Assert.Throws<SerializationException>(
            () => Serializer.ToBinary(new Uncoded()));

        // assert
        Assert.Contains(typeof(Uncoded).FullName!, error.Message);
    }

    private sealed record Uncoded : ICollectorMessage;
}
