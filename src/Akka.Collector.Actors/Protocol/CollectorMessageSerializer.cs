using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Akka.Collector.Actors.Protocol;

/// <summary>
/// The wire and journal format of every <see cref="ICollectorMessage"/>, bound to that
/// interface in hocon/akka.conf. A payload is the manifest (which message), then one format
/// byte and the message's fields in a fixed order. No type names or private fields go into
/// the bytes, so renaming or refactoring a class breaks nothing stored or in flight, and a
/// <c>BarInterval</c> comes back as its canonical static instance.
/// </summary>
/// <remarks>
/// To change a message's fields: raise <see cref="Format"/>, write the new layout and keep
/// reading the old one (<see cref="ProtocolReader.Format"/> says which), because the journal
/// and nodes still running the previous build hold the old one. A new message needs a codec
/// in <see cref="ProtocolCodecs"/>; the round-trip test names any type that lacks one.
/// </remarks>
public sealed class CollectorMessageSerializer(ExtendedActorSystem system)
    : SerializerWithStringManifest(system)
{
    /// <summary>Fixed for good: every stored event names its serializer by this number.</summary>
    public const int Id = 4217;

    /// <summary>
    /// The payload format this build writes; it reads this one and every older one, none
    /// newer. 2: round reports say why symbols failed, statuses the newest complete round.
    /// New messages need no new format (an older build refuses their manifest by name).
    /// </summary>
    public const byte Format = 2;

    public override int Identifier => Id;

    public override string Manifest(object o) => CodecFor(o).Manifest;

    public override byte[] ToBinary(object obj)
    {
        var codec = CodecFor(obj);
        using var stream = new MemoryStream();
        using (var writer = new ProtocolWriter(stream))
        {
            writer.Byte(Format);
            codec.Write(writer, obj);
        }

        return stream.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!ProtocolCodecs.ByManifest.TryGetValue(manifest, out var codec))
            throw new SerializationException(
                $"unknown collector message '{manifest}': written by a newer build?");

        if (bytes.Length == 0 || bytes[0] > Format || bytes[0] == 0)
            throw new SerializationException(
                $"'{manifest}' is in format {(bytes.Length == 0 ? "(empty)" : bytes[0])}; "
                + $"this build reads formats 1 to {Format}");

        try
        {
            using var stream = new MemoryStream(bytes, 1, bytes.Length - 1, writable: false);
            using var reader = new ProtocolReader(stream, bytes[0]);
            var message = codec.Read(reader);
            reader.EnsureEnd();
            return message;
        }
        catch (Exception e)
            when (e is FormatException or EndOfStreamException or ArgumentException
                or OverflowException)
        {
            throw new SerializationException($"'{manifest}' could not be read: {e.Message}", e);
        }
    }

    private static Codec CodecFor(object message) =>
        ProtocolCodecs.ByType.TryGetValue(message.GetType(), out var codec)
            ? codec
            : throw new SerializationException(
                $"no codec for {message.GetType().FullName}: add one to {nameof(ProtocolCodecs)}");
}
