using System.Globalization;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using NodaTime;
using NodaTime.Text;

namespace Akka.Collector.Gateway.Candles;

/// <summary>A chart request after validation; every way it can be wrong names its parameter.</summary>
public sealed record CandleRequest(
    Symbol Symbol, BarInterval Interval, Instant? From, Instant? To, int Limit, bool AllowStale)
{
    // Years 0001 to 9999 in UTC, whichever way a time is written.
    private static readonly Instant Earliest =
        Instant.FromUnixTimeMilliseconds(-62_135_596_800_000L);
    private static readonly Instant Latest =
        Instant.FromUnixTimeMilliseconds(253_402_300_799_000L);

    public static (CandleRequest? Request, ParameterError? Error) Parse(
        string symbol, string? interval, string? from, string? to, string? limit, string? allowStale,
        GatewayOptions options)
    {
        if (!Symbol.TryParse(symbol, out var parsedSymbol, out var symbolError))
            return (null, new ParameterError("symbol", symbolError));

        if (string.IsNullOrWhiteSpace(interval))
            return (null, new ParameterError("interval", $"interval is required; one of {BarInterval.ValidNames}"));
        if (!BarInterval.TryParse(interval, out var parsedInterval, out var intervalError))
            return (null, new ParameterError("interval", intervalError));

        if (!TryInstant(from, out var fromAt))
            return (null, new ParameterError("from", UnparsableTime("from", from)));
        if (!TryInstant(to, out var toAt))
            return (null, new ParameterError("to", UnparsableTime("to", to)));

        if (fromAt is { } f && toAt is { } t)
        {
            if (f > t)
                return (null, new ParameterError("from", $"from ({f}) is after to ({t})"));
            if ((t - f).ToTimeSpan() > options.MaxRange)
            {
                return (null, new ParameterError("to",
                    $"from..to spans more than the allowed {options.MaxRange.TotalDays:0} days"));
            }
        }

        var bars = options.DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit))
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out bars) || bars < 1)
                return (null, new ParameterError("limit", $"limit '{Shorten(limit)}' is not a positive integer"));
            if (bars > options.MaxLimit)
                return (null, new ParameterError("limit", $"limit {bars} is above the maximum {options.MaxLimit}"));
        }

        var stale = false;
        if (!string.IsNullOrWhiteSpace(allowStale) && !bool.TryParse(allowStale, out stale))
            return (null, new ParameterError("allowStale", $"allowStale '{Shorten(allowStale)}' is not true or false"));

        return (new CandleRequest(parsedSymbol, parsedInterval, fromAt, toAt, bars, stale), null);
    }

    // ISO-8601 with an offset or Z, or Unix epoch milliseconds.
    private static bool TryInstant(string? text, out Instant? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            if (ms < Earliest.ToUnixTimeMilliseconds() || ms > Latest.ToUnixTimeMilliseconds())
                return false;
            instant = Instant.FromUnixTimeMilliseconds(ms);
            return true;
        }

        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text.Trim());
        if (!parsed.Success)
            return false;

        // An offset can carry a local time at either end of the calendar past what an Instant
        // holds (9999-12-31T23:59:59-01:00), which NodaTime reports by throwing.
        Instant at;
        try
        {
            at = parsed.Value.ToInstant();
        }
        catch (OverflowException)
        {
            return false;
        }

        if (at < Earliest || at > Latest)
            return false;

        instant = at;
        return true;
    }

    private static string UnparsableTime(string name, string? text) =>
        $"{name} '{Shorten(text)}' is not an ISO-8601 time with offset (2026-12-04T14:30:00Z) " +
        "nor epoch milliseconds, in the years 0001 to 9999";

    private static string Shorten(string? text) =>
        text is null ? "" : text.Length <= 32 ? text : text[..32] + "...";
}

public sealed record ParameterError(string Parameter, string Detail);
