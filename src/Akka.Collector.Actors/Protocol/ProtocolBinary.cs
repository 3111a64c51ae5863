using System.Text;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors;
using NodaTime;

namespace Akka.Collector.Actors.Protocol;

/// <summary>
/// Writes the field types of the protocol. Integers are 7-bit varints, text is length-prefixed
/// UTF-8, a nullable is a presence byte then the value; domain values go by their canonical
/// text or exact numbers, never by type names or private fields.
/// </summary>
internal sealed class ProtocolWriter(Stream stream) : IDisposable
{
    private readonly BinaryWriter _out = new(stream, Encoding.UTF8, leaveOpen: true);

    public void Byte(byte value) => _out.Write(value);

    public void Bool(bool value) => _out.Write(value);

    public void Int(int value) => _out.Write7BitEncodedInt(value);

    public void Long(long value) => _out.Write7BitEncodedInt64(value);

    public void Text(string value) => _out.Write(value);

    public void Symbol(Symbol value) => _out.Write(value.Value);

    public void Interval(BarInterval value) => _out.Write(value.Name);

    public void Kind(FailureKind value) => _out.Write(value.ToString());

    /// <summary>Days and nanoseconds since the Unix epoch: exact for any instant.</summary>
    public void Instant(Instant value)
    {
        var sinceEpoch = value - NodaConstants.UnixEpoch;
        Int(sinceEpoch.Days);
        Long(sinceEpoch.NanosecondOfDay);
    }

    public void Range(TimeRange value)
    {
        Instant(value.From);
        Instant(value.To);
    }

    public void TimeSpan(TimeSpan value) => Long(value.Ticks);

    public void Optional<T>(T? value, Action<T> write)
        where T : class
    {
        Bool(value is not null);
        if (value is not null)
            write(value);
    }

    public void Optional<T>(T? value, Action<T> write)
        where T : struct
    {
        Bool(value.HasValue);
        if (value.HasValue)
            write(value.Value);
    }

    /// <summary>A count, then each item.</summary>
    public void List<T>(IReadOnlyCollection<T> items, Action<T> write)
    {
        Int(items.Count);
        foreach (var item in items)
            write(item);
    }

    public void Dispose() => _out.Dispose();
}

/// <summary>Reads what <see cref="ProtocolWriter"/> wrote, validating domain values.</summary>
internal sealed class ProtocolReader(Stream stream, byte format) : IDisposable
{
    private readonly BinaryReader _in = new(stream, Encoding.UTF8, leaveOpen: true);

    /// <summary>The format the payload was written in, for readers of older formats.</summary>
    public byte Format { get; } = format;

    public byte Byte() => _in.ReadByte();

    public bool Bool() => _in.ReadBoolean();

    public int Int() => _in.Read7BitEncodedInt();

    public long Long() => _in.Read7BitEncodedInt64();

    public string Text() => _in.ReadString();

    public Symbol Symbol() => Domain.Symbols.Symbol.Parse(_in.ReadString());

    /// <summary>The canonical static instance, so reference checks still hold.</summary>
    public BarInterval Interval() => BarInterval.Parse(_in.ReadString());

    public FailureKind Kind()
    {
        var name = _in.ReadString();
        // Only a member's exact name: no numbers, no combinations.
        return Enum.TryParse<FailureKind>(name, out var kind) && kind.ToString() == name
            ? kind
            : throw new FormatException($"unknown failure kind '{name}'");
    }

    public Instant Instant() =>
        NodaConstants.UnixEpoch + Duration.FromDays(Int()) + Duration.FromNanoseconds(Long());

    public TimeRange Range() => new(Instant(), Instant());

    public TimeSpan TimeSpan() => System.TimeSpan.FromTicks(Long());

    public T? OptionalClass<T>(Func<T> read)
        where T : class => Bool() ? read() : null;

    public T? Optional<T>(Func<T> read)
        where T : struct => Bool() ? read() : null;

    /// <summary>
    /// What <see cref="ProtocolWriter.List{T}"/> wrote. A count larger than the bytes left
    /// could hold is a corrupt payload, refused before anything is allocated for it.
    /// </summary>
    public IReadOnlyList<T> List<T>(Func<T> read)
    {
        var count = Int();
        var left = _in.BaseStream.Length - _in.BaseStream.Position;
        if (count < 0 || count > left)
            throw new FormatException($"a list of {count} items cannot fit in {left} bytes");

        var items = new List<T>(count);
        for (var i = 0; i < count; i++)
            items.Add(read());
        return items;
    }

    /// <summary>Throws unless the payload was read to its end: no silent misread.</summary>
    public void EnsureEnd()
    {
        if (_in.BaseStream.Position != _in.BaseStream.Length)
        {
            var left = _in.BaseStream.Length - _in.BaseStream.Position;
            throw new FormatException($"{left} bytes left after the last field");
        }
    }

    public void Dispose() => _in.Dispose();
}
