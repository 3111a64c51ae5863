using System.Globalization;
using System.Text;
using NodaTime;

namespace Akka.Collector.MockVendor.Alpaca;

/// <summary>
/// Where the next page starts: the first bar not yet served, as (symbol, start). Sent as
/// opaque base64 like Alpaca's own tokens, so clients must escape it in the URL. A looping
/// token (the page-loop fault) serves its page and hands itself out again, for ever.
/// </summary>
internal readonly record struct AlpacaPageToken(string Symbol, Instant Start, bool Loops = false)
{
    private const string LoopMark = "loop";

    public string Encode()
    {
        var text = $"{Symbol}|{Start.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture)}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(Loops ? $"{text}|{LoopMark}" : text));
    }

    public static AlpacaPageToken? Decode(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            if (parts.Length is < 2 or > 3
                || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture, out var ticks))
            {
                return null;
            }

            return new AlpacaPageToken(parts[0], Instant.FromUnixTimeTicks(ticks),
                parts.Length == 3 && parts[2] == LoopMark);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
