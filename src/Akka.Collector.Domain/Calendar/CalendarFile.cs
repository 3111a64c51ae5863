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

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(Require(doc.TimeZone, "timeZone"))
            ?? throw new FormatException($"calendar time zone '{doc.TimeZone}' is not an IANA zone");

        var closures = new Dictionary<LocalDate, string>();
        foreach (var day in doc.Holidays.Concat(doc.Closures))
            closures[Date(day.Date, "holidays/closures")] = day.Name ?? "closed";

        var earlyCloses = new Dictionary<LocalDate, LocalTime>();
        foreach (var day in doc.EarlyCloses)
            earlyCloses[Date(day.Date, "earlyCloses")] = Time(day.Close ?? "13:00", "earlyCloses");

        return new MarketCalendar(
            zone,
            Date(doc.ValidFrom, "validFrom"),
            Date(doc.ValidTo, "validTo"),
            Time(doc.RegularOpen ?? "09:30", "regularOpen"),
            Time(doc.RegularClose ?? "16:00", "regularClose"),
            closures,
            earlyCloses);
    }

    /// <summary>The NYSE calendar compiled into this assembly.</summary>
    public static MarketCalendar LoadEmbeddedNyse()
    {
        using var stream = typeof(CalendarFile).Assembly.GetManifestResourceStream("nyse-calendar.json")
            ?? throw new InvalidOperationException("embedded nyse-calendar.json is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static string Require(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new FormatException($"calendar field '{field}' is missing") : value;

    private static LocalDate Date(string? text, string field)
    {
        var result = LocalDatePattern.Iso.Parse(Require(text, field));
        return result.Success
            ? result.Value
            : throw new FormatException($"calendar field '{field}': '{text}' is not a yyyy-MM-dd date");
    }

    private static LocalTime Time(string text, string field)
    {
        var result = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text);
        return result.Success
            ? result.Value
            : throw new FormatException($"calendar field '{field}': '{text}' is not an HH:mm time");
    }

    private sealed class Document
    {
        public string? TimeZone { get; set; }
        public string? ValidFrom { get; set; }
        public string? ValidTo { get; set; }
        public string? RegularOpen { get; set; }
        public string? RegularClose { get; set; }
        public List<Day> Holidays { get; set; } = [];
        public List<Day> Closures { get; set; } = [];
        public List<Day> EarlyCloses { get; set; } = [];
    }

    private sealed class Day
    {
        public string? Date { get; set; }
        public string? Name { get; set; }
        public string? Close { get; set; }
    }
}
