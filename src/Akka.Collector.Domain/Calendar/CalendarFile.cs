using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Akka.Collector.Domain.Calendar;

/// <summary>
/// Reads the exchange calendar document (JSON). The node loads it from a file an operator can
/// replace without a rebuild; a copy is embedded as the default.
/// </summary>
public static class CalendarFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static MarketCalendar Parse(string json)
    {
        Document doc;
        try
        {
            doc = JsonSerializer.Deserialize<Document>(json, Options)
                ?? throw new FormatException("calendar document is empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"calendar document is not valid JSON: {e.Message}", e);
        }

        var zoneId = Require(doc.TimeZone, "timeZone");
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw new FormatException(
                $"calendar field 'timeZone': '{Shorten(zoneId)}' is not an IANA time zone id");

        var validFrom = Date(doc.ValidFrom, "validFrom");
        var validTo = Date(doc.ValidTo, "validTo");
        if (validTo < validFrom)
            throw new FormatException(
                $"calendar field 'validTo': {validTo:yyyy-MM-dd} is before validFrom " +
                $"{validFrom:yyyy-MM-dd}");

        var regularOpen = Time(doc.RegularOpen ?? "09:30", "regularOpen");
        var regularClose = Time(doc.RegularClose ?? "16:00", "regularClose");
        if (regularClose <= regularOpen)
            throw new FormatException(
                $"calendar field 'regularClose': {regularClose:HH:mm} is not after regularOpen " +
                $"{regularOpen:HH:mm}");

        var closures = new Dictionary<LocalDate, string>();
        foreach (var (day, field) in Entries(doc.Holidays, "holidays")
                     .Concat(Entries(doc.Closures, "closures")))
            closures[Date(day.Date, $"{field}.date")] = day.Name ?? "closed";

        var earlyCloses = new Dictionary<LocalDate, LocalTime>();
        foreach (var (day, field) in Entries(doc.EarlyCloses, "earlyCloses"))
        {
            var date = Date(day.Date, $"{field}.date");
            var close = Time(day.Close ?? "13:00", $"{field}.close");
            if (close <= regularOpen || close > regularClose)
                throw new FormatException(
                    $"calendar field '{field}.close': {close:HH:mm} on {date:yyyy-MM-dd} must " +
                    $"be after regularOpen {regularOpen:HH:mm} and no later than regularClose " +
                    $"{regularClose:HH:mm}");

            earlyCloses[date] = close;
        }

        return new MarketCalendar(
            zone, validFrom, validTo, regularOpen, regularClose, closures, earlyCloses);
    }

    /// <summary>The NYSE calendar compiled into this assembly.</summary>
    public static MarketCalendar LoadEmbeddedNyse()
    {
        using var stream = typeof(CalendarFile).Assembly
            .GetManifestResourceStream("nyse-calendar.json")
            ?? throw new InvalidOperationException("embedded nyse-calendar.json is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    // A missing list is an empty one; a null entry inside a list is a broken document.
    private static IEnumerable<(Day Day, string Field)> Entries(List<Day?>? days, string list) =>
        (days ?? []).Select((day, i) => day is null
            ? throw new FormatException($"calendar field '{list}[{i}]' is null")
            : (day, $"{list}[{i}]"));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static string Require(string? value, string field) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new FormatException($"calendar field '{field}' is missing")
            : value;

    private static LocalDate Date(string? text, string field)
    {
        var result = LocalDatePattern.Iso.Parse(Require(text, field));
        return result.Success
            ? result.Value
            : throw new FormatException(
                $"calendar field '{field}': '{text}' is not a yyyy-MM-dd date");
    }

    private static LocalTime Time(string text, string field)
    {
        var result = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text);
        return result.Success
            ? result.Value
            : throw new FormatException(
                $"calendar field '{field}': '{text}' is not an HH:mm time");
    }

    private sealed class Document
    {
        public string? TimeZone { get; set; }
        public string? ValidFrom { get; set; }
        public string? ValidTo { get; set; }
        public string? RegularOpen { get; set; }
        public string? RegularClose { get; set; }
        public List<Day?>? Holidays { get; set; } = [];
        public List<Day?>? Closures { get; set; } = [];
        public List<Day?>? EarlyCloses { get; set; } = [];
    }

    private sealed class Day
    {
        public string? Date { get; set; }
        public string? Name { get; set; }
        public string? Close { get; set; }
    }
}
