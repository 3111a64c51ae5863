using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Tests.Support;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Polygon;

/// <summary>The mock speaks Polygon's aggregates format; read with a bare HttpClient.</summary>
public sealed class PolygonWireFormatTests : IAsyncLifetime
{
    private static readonly DateTimeZone NewYork = Clocks.Eastern;
    private static readonly string Key = PolygonHarness.Key;

    private PolygonHarness _h = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _h = await PolygonHarness.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _h.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_has_polygons_fields_and_its_request_id_in_header_and_body()
    {
        // arrange
        var minutes = await Minutes();

        // act: one session of 5-minute bars, key as a query parameter
        var (status, headers, json) = await Get(
            $"/v2/aggs/ticker/AAPL/range/5/minute/2026-12-04/2026-12-04?apiKey={Key}");

        // assert
        Assert.Equal(HttpStatusCode.OK, status);
        var root = json.RootElement;
        Assert.Equal("AAPL", root.GetProperty("ticker").GetString());
        Assert.Equal("OK", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("adjusted").GetBoolean());
        Assert.Equal(78, root.GetProperty("resultsCount").GetInt32());
        Assert.Equal(minutes.Count, root.GetProperty("queryCount").GetInt32());
        Assert.False(root.TryGetProperty("next_url", out _));
        Assert.Equal(headers.GetValues("X-Request-ID").Single(),
            root.GetProperty("request_id").GetString());

        var first = root.GetProperty("results")[0];
        Assert.Equal(Clocks.Et(2026, 12, 4, 9, 30).ToUnixTimeMilliseconds(),
            first.GetProperty("t").GetInt64());
        foreach (var field in new[] { "o", "h", "l", "c", "v", "vw", "n" })
            Assert.Equal(JsonValueKind.Number, first.GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task Every_request_gets_its_own_id()
    {
        var path = $"/v2/aggs/ticker/AAPL/range/1/day/2026-12-01/2026-12-04?apiKey={Key}";

        var (_, one, _) = await Get(path);
        var (_, two, _) = await Get(path);

        Assert.NotEqual(one.GetValues("X-Request-ID"), two.GetValues("X-Request-ID"));
    }

    [Fact]
    public async Task A_missing_or_wrong_key_is_a_401_in_polygons_error_shape()
    {
        var path = "/v2/aggs/ticker/AAPL/range/1/day/2026-12-01/2026-12-04";

        var (missing, _, noKey) = await Get(path);
        var (wrong, _, badKey) = await Get(path, bearer: "not-the-key");
        var (right, _, _) = await Get(path, bearer: Key);

        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal("ERROR", noKey.RootElement.GetProperty("status").GetString());
        Assert.Equal("API Key was not provided",
            noKey.RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal("Unknown API Key", badKey.RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, right);
        Assert.Equal([401, 401, 200], _h.Vendor.Requests.All.Select(r => r.Status));
        Assert.All(_h.Vendor.Requests.All, r => Assert.Equal("polygon", r.Vendor));
    }

    [Fact]
    public async Task No_bars_means_no_results_field_at_all()
    {
        // Saturday and Sunday
        var (status, _, json) = await Get(
            "/v2/aggs/ticker/AAPL/range/1/minute/2026-12-05/2026-12-06", bearer: Key);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(json.RootElement.TryGetProperty("results", out _));
        Assert.Equal(0, json.RootElement.GetProperty("resultsCount").GetInt32());
    }

    [Fact]
    public async Task Limit_counts_base_minutes_and_next_url_continues_without_the_key()
    {
        // arrange: 50 base minutes a page; a 5-minute row holds up to 5 of them (fewer where
        // a minute had no trades), and a row that would only partly fit waits for page two
        var from = Clocks.Et(2026, 12, 4, 9, 30).ToUnixTimeMilliseconds();
        var to = Clocks.Et(2026, 12, 4, 16, 0).ToUnixTimeMilliseconds() - 1;
        var path = $"/v2/aggs/ticker/AAPL/range/5/minute/{from}/{to}?limit=50&apiKey={Key}";
        var rows = (await Minutes())
            .GroupBy(m => m.Start.ToUnixTimeMilliseconds() / 300_000 * 300_000)
            .Select(g => (Start: g.Key, Minutes: g.Count()))
            .ToList();
        var fit = rows.Select((_, i) => rows.Take(i + 1).Sum(r => r.Minutes)).Count(n => n <= 50);

        // act
        var (_, _, first) = await Get(path);
        var next = first.RootElement.GetProperty("next_url").GetString()!;
        var (status, _, second) = await Get(next, bearer: Key);

        // assert
        Assert.InRange(fit, 10, 50);
        Assert.Equal(fit, first.RootElement.GetProperty("resultsCount").GetInt32());
        Assert.Equal(rows.Take(fit).Sum(r => r.Minutes),
            first.RootElement.GetProperty("queryCount").GetInt32());
        Assert.StartsWith(
            _h.Vendor.BaseAddress.AbsoluteUri.TrimEnd('/') + "/v2/aggs/ticker/AAPL/", next);
        Assert.DoesNotContain("apiKey", next, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("cursor=", next);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(rows[fit].Start,
            second.RootElement.GetProperty("results")[0].GetProperty("t").GetInt64());
        Assert.Null(_h.Vendor.Requests.All[0].PageToken);
        Assert.NotNull(_h.Vendor.Requests.All[1].PageToken);
    }

    [Fact]
    public async Task Descending_order_starts_at_the_newest_bar()
    {
        var (_, _, json) = await Get(
            "/v2/aggs/ticker/AAPL/range/30/minute/2026-12-04/2026-12-04?sort=desc", bearer: Key);

        var starts = json.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("t").GetInt64()).ToList();
        Assert.Equal(13, starts.Count);
        Assert.Equal(Clocks.Et(2026, 12, 4, 15, 30).ToUnixTimeMilliseconds(), starts[0]);
        Assert.Equal(starts.OrderDescending(), starts);
    }

    [Fact]
    public async Task Descending_pages_walk_back_through_the_same_bars()
    {
        // arrange: 30-minute bars of a week, 150 base minutes (about five rows) a page
        const string range = "/v2/aggs/ticker/MSFT/range/30/minute/2026-11-30/2026-12-04";
        var (_, _, whole) = await Get(range, bearer: Key);
        var ascending = Starts(whole);

        // act
        var descending = new List<long>();
        string? next = range + "?sort=desc&limit=150";
        while (next is not null)
        {
            var (_, _, page) = await Get(next, bearer: Key);
            descending.AddRange(Starts(page));
            next = page.RootElement.TryGetProperty("next_url", out var url)
                ? url.GetString()
                : null;
        }

        // assert
        Assert.Equal(65, ascending.Count);
        Assert.Equal(ascending.AsEnumerable().Reverse(), descending);
        Assert.True(_h.Vendor.Requests.Count > 13);
    }

    [Fact]
    public async Task Hours_sit_on_the_clock_and_days_at_midnight_new_york()
    {
        var (_, _, hours) = await Get(
            "/v2/aggs/ticker/AAPL/range/1/hour/2026-12-04/2026-12-04", bearer: Key);
        var (_, _, days) = await Get(
            "/v2/aggs/ticker/AAPL/range/1/day/2026-12-01/2026-12-04", bearer: Key);

        // 09:30-09:59 make a bar stamped 09:00 (14:00Z), not one at the 09:30 open
        Assert.Equal(Clocks.Et(2026, 12, 4, 9, 0).ToUnixTimeMilliseconds(),
            hours.RootElement.GetProperty("results")[0].GetProperty("t").GetInt64());
        var dayStarts = days.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => Instant.FromUnixTimeMilliseconds(r.GetProperty("t").GetInt64()))
            .ToList();
        Assert.Equal(4, dayStarts.Count);
        Assert.All(dayStarts, t => Assert.Equal(LocalTime.Midnight, t.InZone(NewYork).TimeOfDay));
    }

    [Fact]
    public async Task Fractional_volume_and_delayed_status_are_served_when_asked()
    {
        _h.Vendor.Faults.Polygon.VolumeFraction = 0.25m;
        _h.Vendor.Faults.Polygon.Delayed = true;

        var (_, _, json) = await Get(
            "/v2/aggs/ticker/AAPL/range/1/day/2026-12-04/2026-12-04", bearer: Key);

        Assert.Equal("DELAYED", json.RootElement.GetProperty("status").GetString());
        var volume = json.RootElement.GetProperty("results")[0].GetProperty("v").GetDecimal();
        Assert.Equal(0.25m, volume - decimal.Truncate(volume));
    }

    [Fact]
    public async Task A_bad_timespan_is_a_400()
    {
        var (status, _, json) = await Get(
            "/v2/aggs/ticker/AAPL/range/1/fortnight/2026-12-01/2026-12-04", bearer: Key);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("ERROR", json.RootElement.GetProperty("status").GetString());
    }

    private static List<long> Starts(JsonDocument reply) =>
        reply.RootElement.TryGetProperty("results", out var rows)
            ? rows.EnumerateArray().Select(r => r.GetProperty("t").GetInt64()).ToList()
            : [];

    // The minutes the mock builds AAPL's bars of Friday 2026-12-04 from.
    private Task<IReadOnlyList<Candle>> Minutes() => _h.Truth.Bars("AAPL", BarInterval.M1,
        Clocks.Et(2026, 12, 4, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));

    private async Task<(HttpStatusCode, HttpResponseHeaders, JsonDocument)> Get(
        string pathOrUrl, string? bearer = null)
    {
        var url = pathOrUrl.StartsWith("http", StringComparison.Ordinal)
            ? new Uri(pathOrUrl)
            : new Uri(_h.Vendor.BaseAddress, pathOrUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var reply = await _http.SendAsync(request);
        var body = await reply.Content.ReadAsByteArrayAsync();
        return (reply.StatusCode, reply.Headers, JsonDocument.Parse(body));
    }
}
