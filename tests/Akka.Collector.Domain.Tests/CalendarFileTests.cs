using Akka.Collector.Domain.Calendar;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class CalendarFileTests
{
    private const string Minimal = """
        {
          "timeZone": "America/New_York",
          "validFrom": "2026-11-23",
          "validTo": "2026-11-30"
        }
        """;

    [Fact]
    public void Should_build_regular_sessions_with_default_hours_from_a_minimal_document()
    {
        // act
        var calendar = CalendarFile.Parse(Minimal);

        // assert
        Assert.Equal(new LocalTime(9, 30), calendar.RegularOpen);
        Assert.Equal(new LocalTime(16, 0), calendar.RegularClose);
        Assert.Equal(6, calendar.Sessions.Count); // Mon-Fri plus Monday 11-30
        Assert.Equal(Instant.FromUtc(2026, 11, 23, 14, 30), calendar.Sessions[0].Open);
        Assert.Equal(Instant.FromUtc(2026, 11, 23, 21, 0), calendar.Sessions[0].Close);
    }

    [Fact]
    public void Should_apply_holidays_closures_and_early_closes_with_a_1300_default()
    {
        // arrange
        const string json = """
            // comments and trailing commas are allowed for hand-edited files
            {
              "timeZone": "America/New_York",
              "validFrom": "2026-11-23",
              "validTo": "2026-11-30",
              "holidays": [ { "date": "2026-11-26", "name": "Thanksgiving Day" }, ],
              "closures": [ { "date": "2026-11-24" } ],
              "earlyCloses": [
                { "date": "2026-11-27" },
                { "date": "2026-11-25", "close": "14:15" },
              ],
            }
            """;

        // act
        var calendar = CalendarFile.Parse(json);

        // assert
        Assert.Null(calendar.SessionOn(new LocalDate(2026, 11, 26)));
        Assert.Null(calendar.SessionOn(new LocalDate(2026, 11, 24)));
        var friday = calendar.SessionOn(new LocalDate(2026, 11, 27))!;
        Assert.True(friday.IsEarlyClose);
        Assert.Equal(Instant.FromUtc(2026, 11, 27, 18, 0), friday.Close);
        var wednesday = calendar.SessionOn(new LocalDate(2026, 11, 25))!;
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 19, 15), wednesday.Close);
    }

    [Fact]
    public void Should_honour_custom_regular_hours()
    {
        // arrange
        const string json = """
            { "timeZone": "Europe/London", "validFrom": "2026-06-01", "validTo": "2026-06-05",
              "regularOpen": "08:00", "regularClose": "16:30" }
            """;

        // act
        var calendar = CalendarFile.Parse(json);

        // assert
        Assert.Equal(Instant.FromUtc(2026, 6, 1, 7, 0), calendar.Sessions[0].Open);
        Assert.Equal(Instant.FromUtc(2026, 6, 1, 15, 30), calendar.Sessions[0].Close);
    }

    [Fact]
    public void Should_treat_a_null_list_as_an_empty_one()
    {
        // arrange
        const string json = """
            { "timeZone": "America/New_York", "validFrom": "2026-11-23",
              "validTo": "2026-11-30", "holidays": null, "closures": null, "earlyCloses": null }
            """;

        // act
        var calendar = CalendarFile.Parse(json);

        // assert
        Assert.Equal(6, calendar.Sessions.Count);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{ \"timeZone\": 5 }")]
    public void Should_reject_a_document_that_is_not_valid_json(string json)
    {
        // act
        var e = Assert.Throws<FormatException>(() => CalendarFile.Parse(json));

        // assert
        Assert.StartsWith("calendar document is not valid JSON", e.Message);
    }

    [Fact]
    public void Should_reject_a_json_null_document_as_empty()
    {
        // act
        var e = Assert.Throws<FormatException>(() => CalendarFile.Parse("null"));

        // assert
        Assert.Equal("calendar document is empty", e.Message);
    }

    [Fact]
    public void Should_name_the_json_path_of_a_value_of_the_wrong_type()
    {
        // arrange
        const string json = """
            { "timeZone": "America/New_York", "validFrom": "2026-11-23",
              "validTo": "2026-11-30", "holidays": [ { "date": 20261126 } ] }
            """;

        // act
        var e = Assert.Throws<FormatException>(() => CalendarFile.Parse(json));

        // assert
        Assert.Contains("not valid JSON", e.Message);
        Assert.Contains("holidays[0].date", e.Message);
    }

    public static TheoryData<string, string> BrokenFields => new()
    {
        { Doc(zone: null), "'timeZone'" },
        { Doc(zone: " "), "'timeZone'" },
        { Doc(zone: "Mars/Olympus"), "'timeZone'" },
        { Doc(zone: "EST5EDT-ish"), "'timeZone'" },
        { Doc(from: null), "'validFrom'" },
        { Doc(from: "2026-13-01"), "'validFrom'" },
        { Doc(to: null), "'validTo'" },
        { Doc(to: "31/12/2026"), "'validTo'" },
        { Doc(from: "2026-12-31", to: "2026-01-01"), "'validTo'" },
        { Doc("\"regularOpen\": \"9:30am\""), "'regularOpen'" },
        { Doc("\"regularClose\": \"25:00\""), "'regularClose'" },
        { Doc("\"regularOpen\": \"16:00\", \"regularClose\": \"09:30\""), "'regularClose'" },
        { Doc("\"holidays\": [ { \"date\": \"2026-02-30\" } ]"), "'holidays[0].date'" },
        {
            Doc("\"holidays\": [ { \"date\": \"2026-01-01\" }, { \"name\": \"x\" } ]"),
            "'holidays[1].date'"
        },
        { Doc("\"holidays\": [ null ]"), "'holidays[0]'" },
        { Doc("\"closures\": [ { \"date\": \"2025-1-9\" } ]"), "'closures[0].date'" },
        { Doc("\"earlyCloses\": [ { \"date\": \"tomorrow\" } ]"), "'earlyCloses[0].date'" },
        { Doc(EarlyClose("1pm")), "'earlyCloses[0].close'" },
        { Doc(EarlyClose("17:00")), "'earlyCloses[0].close'" },
        { Doc(EarlyClose("09:00")), "'earlyCloses[0].close'" },
    };

    [Theory]
    [MemberData(nameof(BrokenFields))]
    public void Should_reject_a_broken_field_with_a_format_exception_naming_it(
        string json, string field)
    {
        // act
        var e = Assert.Throws<FormatException>(() => CalendarFile.Parse(json));

        // assert
        Assert.Contains($"calendar field {field}", e.Message);
    }

    [Fact]
    public void Should_quote_the_bad_value_in_the_message()
    {
        // arrange
        const string json = """
            { "timeZone": "Mars/Olympus", "validFrom": "2026-01-01", "validTo": "2026-12-31" }
            """;

        // act
        var e = Assert.Throws<FormatException>(() => CalendarFile.Parse(json));

        // assert
        Assert.Equal(
            "calendar field 'timeZone': 'Mars/Olympus' is not an IANA time zone id", e.Message);
    }

    [Fact]
    public void Should_load_the_embedded_nyse_calendar()
    {
        // act
        var calendar = CalendarFile.LoadEmbeddedNyse();

        // assert
        Assert.Equal("America/New_York", calendar.Zone.Id);
        Assert.NotEmpty(calendar.Sessions);
    }

    private static string EarlyClose(string close) =>
        $"\"earlyCloses\": [ {{ \"date\": \"2026-11-27\", \"close\": \"{close}\" }} ]";

    // A calendar document with the given head fields (null leaves one out) and extra fields.
    private static string Doc(
        string? extra = null,
        string? zone = "America/New_York",
        string? from = "2026-01-01",
        string? to = "2026-12-31")
    {
        var fields = new List<string>();
        if (zone is not null)
            fields.Add($"\"timeZone\": \"{zone}\"");
        if (from is not null)
            fields.Add($"\"validFrom\": \"{from}\"");
        if (to is not null)
            fields.Add($"\"validTo\": \"{to}\"");
        if (extra is not null)
            fields.Add(extra);

        return "{ " + string.Join(", ", fields) + " }";
    }
}
