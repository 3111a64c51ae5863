using System.Globalization;

namespace Akka.Collector.Vendors.Replay;

/// <summary>
/// Reads a header line and data rows of a delimited text file, naming the file and the line
/// in every complaint. Columns are found by header name, so a file that orders them
/// differently (mplfinance puts close before high) cannot be read with values swapped.
/// </summary>
internal sealed class DelimitedText(TextReader reader, string fileName, char separator)
{
    private int _line;

    public string FileName { get; } = fileName;

    /// <summary>Reads the header and returns the position of each named column.</summary>
    public int[] Header(params string[] columns)
    {
        var header = NextLine() ?? throw Error(1, "the file is empty; expected a header line");
        var names = header.Split(separator).Select(n => n.Trim()).ToArray();

        return columns
            .Select(column =>
            {
                var at = Array.FindIndex(names,
                    n => string.Equals(n, column, StringComparison.OrdinalIgnoreCase));
                return at >= 0
                    ? at
                    : throw Error(_line, $"the header has no '{column}' column " +
                                         $"(expected {string.Join(", ", columns)})");
            })
            .ToArray();
    }

    /// <summary>Data rows with their 1-based line numbers; blank lines are skipped.</summary>
    public IEnumerable<Row> Rows()
    {
        while (NextLine() is { } text)
        {
            if (string.IsNullOrWhiteSpace(text))
                continue;

            yield return new Row(this, _line, text.Split(separator));
        }
    }

    public FormatException Error(int line, string message) =>
        new($"{FileName}, line {line}: {message}");

    private string? NextLine()
    {
        var text = reader.ReadLine();
        if (text is not null)
            _line++;

        return text;
    }

    /// <summary>One data row; field readers throw a located FormatException.</summary>
    public readonly struct Row(DelimitedText file, int line, string[] fields)
    {
        public int Line { get; } = line;

        public string Text(int column, string name)
        {
            if (column >= fields.Length)
                throw file.Error(Line, $"missing field '{name}' ({fields.Length} fields found)");

            return fields[column].Trim();
        }

        public decimal Decimal(int column, string name)
        {
            var text = Text(column, name);
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture,
                out var value)
                ? value
                : throw file.Error(Line, $"{name} '{Shorten(text)}' is not a number");
        }

        public long Integer(int column, string name)
        {
            // Volumes are sometimes written as "1200.0"; a fraction of a share is not.
            var value = Decimal(column, name);
            var whole = value == decimal.Truncate(value)
                        && value is >= long.MinValue and <= long.MaxValue;
            return whole
                ? (long)value
                : throw file.Error(Line, $"{name} '{value}' is not a whole number");
        }

        public FormatException Error(string message) => file.Error(Line, message);

        private static string Shorten(string text) =>
            text.Length <= 24 ? text : text[..24] + "...";
    }
}
