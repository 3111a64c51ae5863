namespace Akka.Collector.Domain.Symbols;

/// <summary>
/// A US equity ticker as the collector stores and routes it: upper case, 1-10 characters,
/// a letter first, then letters, digits, '.' or '-' (BRK.B, BF-B). A '.' or '-' separates a
/// class suffix from the root, so it never ends the ticker and never follows another one.
/// Lower-case input is accepted and normalised, anything else is rejected with a reason.
/// </summary>
public readonly record struct Symbol
{
    public const int MaxLength = 10;

    private Symbol(string value) => Value = value;

    public string Value { get; }

    public static Symbol Parse(string? text)
    {
        if (TryParse(text, out var symbol, out var error))
            return symbol;

        throw new FormatException(error);
    }

    public static bool TryParse(string? text, out Symbol symbol, out string error)
    {
        symbol = default;
        error = string.Empty;

        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            error = "symbol is empty";
            return false;
        }

        if (trimmed.Length > MaxLength)
        {
            error = $"symbol '{Shorten(trimmed)}' is longer than {MaxLength} characters";
            return false;
        }

        var upper = trimmed.ToUpperInvariant();
        if (upper[0] is < 'A' or > 'Z')
        {
            error = $"symbol '{Shorten(trimmed)}' must start with a letter";
            return false;
        }

        foreach (var c in upper)
        {
            var ok = c is >= 'A' and <= 'Z' or >= '0' and <= '9' || IsMark(c);
            if (!ok)
            {
                error = $"symbol '{Shorten(trimmed)}' may hold only letters, digits, '.' and '-'";
                return false;
            }
        }

        // A mark only ever joins a root to its class suffix (BRK.B, BF-B): at the end, or next
        // to another mark, it joins nothing, and vendors answer such a ticker with nothing.
        if (IsMark(upper[^1]))
        {
            error = $"symbol '{Shorten(trimmed)}' must not end with '{upper[^1]}': " +
                    "'.' and '-' only separate a class suffix (BRK.B, BF-B)";
            return false;
        }

        for (var i = 1; i < upper.Length; i++)
        {
            if (IsMark(upper[i - 1]) && IsMark(upper[i]))
            {
                error = $"symbol '{Shorten(trimmed)}' has two punctuation marks in a row " +
                        $"('{upper[i - 1]}{upper[i]}'); one '.' or '-' separates a class suffix";
                return false;
            }
        }

        symbol = new Symbol(upper);
        return true;
    }

    public override string ToString() => Value ?? string.Empty;

    private static bool IsMark(char c) => c is '.' or '-';

    // Echo at most a short prefix of hostile input back into messages and logs.
    private static string Shorten(string text) => text.Length <= 16 ? text : text[..16] + "...";
}
