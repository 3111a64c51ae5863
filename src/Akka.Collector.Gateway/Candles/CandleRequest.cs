using System.Globalization;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Domain.Time;
using NodaTime;
using NodaTime.Text;

namespace Akka.Collector.Gateway.Candles;

/// <summary>
/// A chart request after validation; every way it can be wrong names its parameter.
/// </summary>
/// <remarks>
/// A parameter left out takes its default; a parameter given empty (<c>limit=</c>) is a
/// mistake, never taken as left out. Numbers and flags are read strictly: .NET's own parsers
/// accept trailing NUL characters ("1\0") and padding, which would let garbage through.
/// </remarks>
public sealed record CandleRequest(
    Symbol Symbol, BarInterval Interval, Instant? From, Instant? To, int Limit, bool AllowStale)
{
    /// <summary>
    /// Epoch milliseconds below this (1973-03-03) are taken for epoch seconds sent by mistake:
    /// 1796313600 is a 2026 date in seconds but 1970-01-21 in milliseconds.
    /// </summary>
    public const long SmallestEpochMilliseconds = 100_000_000_000L;

    // Years 0001 to 9999 in UTC, whichever way a time is written.
    private static readonly Instant Earliest =
        Instant.FromUnixTimeMilliseconds(-62_135_596_800_000L);
    private static readonly Instant Latest =
        Instant.FromUnixTimeMilliseconds(253_402_300_799_000L);

    // ISO-8601 with seconds (and fractions), or to the minute: 2026-12-03T14:30Z.
    private static readonly OffsetDateTimePattern[] IsoPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    /// <param name="now">The market clock: a 'from' without 'to' spans up to it.</param>
    public static (CandleRequest? Request, ParameterError? Error) Parse(
        string symbol, string? interval, string? from, string? to, string? limit,
        string? allowStale, GatewayOptions options, Instant now)
    {
        if (!Symbol.TryParse(symbol, out var parsedSymbol, out var symbolError))
            return (null, new ParameterError("symbol", symbolError));

        if (string.IsNullOrWhiteSpace(interval))
        {
            return (null, new ParameterError("interval",
                $"interval is required; one of {BarInterval.ValidNames}"));
        }

        if (!BarInterval.TryParse(interval, out var parsedInterval, out var intervalError))
            return (null, new ParameterError("interval", intervalError));

        var empty = Empty("from", from) ?? Empty("to", to) ?? Empty("limit", limit)
            ?? Empty("allowStale", allowStale);
        if (empty is not null)
            return (null, empty);

        var (fromAt, fromError) = ParseTime("from", from);
        if (fromError is not null)
            return (null, fromError);
        var (toAt, toError) = ParseTime("to", to);
        if (toError is not null)
            return (null, toError);

        if (RangeError(fromAt, toAt, now, options) is { } rangeError)
            return (null, rangeError);

        var bars = options.DefaultLimit;
        if (limit is not null)
        {
            if (!IsDigits(limit)
                || !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out bars)
                || bars < 1)
            {
                return (null, new ParameterError("limit",
                    $"limit '{Shorten(limit)}' is not a positive integer"));
            }

            if (bars > options.MaxLimit)
            {
                return (null, new ParameterError("limit",
                    $"limit {bars} is above the maximum {options.MaxLimit}"));
            }
        }

        var stale = false;
        if (allowStale is not null)
        {
            // Exactly true or false: bool.TryParse would also take " true\0".
            if (string.Equals(allowStale, "true", StringComparison.OrdinalIgnoreCase))
                stale = true;
            else if (!string.Equals(allowStale, "false", StringComparison.OrdinalIgnoreCase))
            {
                return (null, new ParameterError("allowStale",
                    $"allowStale '{Shorten(allowStale)}' is not true or false"));
            }
        }

        return (new CandleRequest(parsedSymbol, parsedInterval, fromAt, toAt, bars, stale), null);
    }

    /// <summary>
    /// The window against the dates the market calendar covers. Bars exist only on its
    /// sessions, so a from or to outside it asks for what no collector here can hold: the
    /// client's mistake (400), said plainly, not an operator's missing calendar file.
    /// </summary>
    public ParameterError? OutsideCalendar(MarketCalendar calendar)
    {
        if (From is { } from && Outside("from", from, calendar.DateOf(from), calendar) is { } f)
            return f;

        // 'to' is exclusive: midnight after the last covered date still ends inside it.
        return To is { } to
            ? Outside("to", to, calendar.DateOf(to - Duration.Epsilon), calendar)
            : null;
    }

    private static ParameterError? Outside(
        string name, Instant at, LocalDate date, MarketCalendar calendar)
    {
        if (date < calendar.FirstDate)
        {
            return new ParameterError(name,
                $"{name} ({at}) is before {calendar.FirstDate:yyyy-MM-dd}, the first date the " +
                "market calendar covers: no bars are collected before it");
        }

        if (date > calendar.LastDate)
        {
            var hint = name == "to" ? "; leave 'to' out for the newest bars" : "";
            return new ParameterError(name,
                $"{name} ({at}) is after {calendar.LastDate:yyyy-MM-dd}, the last date the " +
                $"market calendar covers: no sessions are known after it{hint}");
        }

        return null;
    }

    private static ParameterError? Empty(string name, string? text) =>
        text is not null && string.IsNullOrWhiteSpace(text)
            ? new ParameterError(name, $"{name} is given but empty: give a value or leave it out")
            : null;

    // from after to, and the widest span: up to 'to', or up to now when only 'from' is given,
    // so a lone from=0001-01-01 cannot ask for two thousand years of bars.
    private static ParameterError? RangeError(
        Instant? from, Instant? to, Instant now, GatewayOptions options)
    {
        if (from is not { } f)
            return null;

        var allowed = DurationText.Of(options.MaxRange);
        if (to is { } t)
        {
            if (f > t)
                return new ParameterError("from", $"from ({f}) is after to ({t})");

            return (t - f).ToTimeSpan() > options.MaxRange
                ? new ParameterError("to", $"from..to spans more than the allowed {allowed}")
                : null;
        }

        return f < now && (now - f).ToTimeSpan() > options.MaxRange
            ? new ParameterError("from",
                $"from ({f}) is more than the allowed {allowed} before now ({now}); " +
                "give a later from, or a to at most that far after it")
            : null;
    }

    // ISO-8601 with an offset or Z (seconds optional), or Unix epoch milliseconds. The admin
    // API's forced collections take times the same way.
    internal static (Instant? At, ParameterError? Error) ParseTime(string name, string? raw)
    {
        if (raw is null)
            return (null, null);

        var text = raw.Trim();
        if (IsDigits(text.StartsWith('-') ? text[1..] : text))
            return ParseEpoch(name, text);

        foreach (var pattern in IsoPatterns)
        {
            var parsed = pattern.Parse(text);
            if (!parsed.Success)
                continue;

            // An offset can carry a local time at either end of the calendar past what an
            // Instant holds (9999-12-31T23:59:59-01:00), which NodaTime reports by throwing.
            try
            {
                var at = parsed.Value.ToInstant();
                return at < Earliest || at > Latest ? (null, Unparsable(name, raw)) : (at, null);
            }
            catch (OverflowException)
            {
                return (null, Unparsable(name, raw));
            }
        }

        return (null, Unparsable(name, raw));
    }

    private static (Instant? At, ParameterError? Error) ParseEpoch(string name, string text)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                out var ms)
            || ms > Latest.ToUnixTimeMilliseconds())
        {
            return (null, Unparsable(name, text));
        }

        if (ms < 0)
        {
            return (null, new ParameterError(name,
                $"{name} '{Shorten(text)}' is a negative epoch time: send milliseconds since " +
                "1970-01-01T00:00:00Z, or an ISO-8601 time"));
        }

        if (ms < SmallestEpochMilliseconds)
        {
            return (null, new ParameterError(name,
                $"{name} '{Shorten(text)}' looks like epoch seconds; send milliseconds " +
                $"(epoch milliseconds below {SmallestEpochMilliseconds} are before 1973)"));
        }

        return (Instant.FromUnixTimeMilliseconds(ms), null);
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static ParameterError Unparsable(string name, string? text) => new(name,
        $"{name} '{Shorten(text)}' is not an ISO-8601 time with offset (2026-12-04T14:30:00Z " +
        "or 2026-12-04T14:30Z) nor epoch milliseconds, in the years 0001 to 9999");

    private static string Shorten(string? text) =>
        text is null ? "" : text.Length <= 32 ? text : text[..32] + "...";
}

public sealed record ParameterError(string Parameter, string Detail);
