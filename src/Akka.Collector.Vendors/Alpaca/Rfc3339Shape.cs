namespace Akka.Collector.Vendors.Alpaca;

/// <summary>
/// Whether UTF-8 text has the shape of an RFC-3339 date-time as NodaTime's
/// <c>OffsetDateTimePattern.Rfc3339</c> reads it: <c>uuuu-MM-ddTHH:mm:ss</c>, an optional
/// fraction of one to nine digits, then <c>Z</c> or <c>+HH:mm</c> / <c>-HH:mm</c>. The shape
/// only: the values' ranges are for the parser that follows.
/// </summary>
internal static class Rfc3339Shape
{
    public static bool Holds(ReadOnlySpan<byte> text)
    {
        if (text.Length < 20
            || !Digits(text, 0, 4) || text[4] != '-' || !Digits(text, 5, 2) || text[7] != '-'
            || !Digits(text, 8, 2) || text[10] != 'T' || !Digits(text, 11, 2)
            || text[13] != ':' || !Digits(text, 14, 2) || text[16] != ':'
            || !Digits(text, 17, 2))
        {
            return false;
        }

        var at = 19;
        if (text[at] == '.')
        {
            var digits = 0;
            while (at + 1 + digits < text.Length && IsDigit(text[at + 1 + digits]))
                digits++;
            if (digits is < 1 or > 9)
                return false;
            at += 1 + digits;
        }

        var offset = text[at..];
        return offset is [(byte)'Z']
               || (offset.Length == 6 && offset[0] is (byte)'+' or (byte)'-'
                   && Digits(offset, 1, 2) && offset[3] == ':' && Digits(offset, 4, 2));
    }

    private static bool Digits(ReadOnlySpan<byte> text, int from, int count)
    {
        foreach (var b in text.Slice(from, count))
        {
            if (!IsDigit(b))
                return false;
        }

        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
