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
    // since the epoch (7-bit varints), round 42. Journals hold these bytes: never change them.
    private const string CollectV1 = "01044141504c02316dce9a018090d4dbded90c2a";

    private static readonly SymbolProtocol.Collect Collect = new(
        Symbol.Parse("AAPL"), BarInterval.M1, Instant.FromUtc(2024, 3, 8, 15, 31), 42);

    private CollectorMessageSerializer Serializer =>
        Assert.IsType<CollectorMessageSerializer>(Sys.Serialization.FindSerializerFor(Collect));

    [Fact]
    public void Format_1_bytes_of_a_message_do_not_change()
    {
        // act
        var bytes = Serializer.ToBinary(Collect);

        // assert
        Assert.Equal("sy.collect", Serializer.Manifest(Collect));
        Assert.Equal(CollectV1, Convert.ToHexStringLower(bytes));
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
    [InlineData("sy.collect", "02044141504c02316dce9a018090d4dbded90c2a", "format 2")]
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
