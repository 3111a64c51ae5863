using System.Net;
using System.Text.Json;
using Akka.Collector.Vendors.Tests.Support;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>The mock speaks Alpaca's /v2/stocks/bars: checked with a bare HTTP client.</summary>
public sealed class AlpacaWireFormatTests
{
    // Thursday and Friday 2026-12-03/04: EST, so the session is 14:30Z-21:00Z.
    private const string Thursday = "2026-12-03T14:30:00Z";
    private const string ThursdayLastBar = "2026-12-03T20:55:00Z";

    [Fact]
    public async Task A_reply_maps_sorted_symbols_to_bars_with_every_field_and_a_request_id()
    {
        // arrange
        await using var h = await AlpacaHarness.StartAsync();

        // act
        var (status, json, id) = await GetAsync(h,
            $"symbols=MSFT,AAPL&timeframe=5Min&start={Thursday}&end={ThursdayLastBar}");

        // assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(id));
        var bars = json.GetProperty("bars");
        Assert.Equal(["AAPL", "MSFT"], bars.EnumerateObject().Select(p => p.Name));
        var first = bars.GetProperty("AAPL")[0];
        Assert.Equal(["t", "o", "h", "l", "c", "v", "n", "vw"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Thursday, first.GetProperty("t").GetString());
        Assert.All(["o", "h", "l", "c", "v", "n", "vw"],
            f => Assert.Equal(JsonValueKind.Number, first.GetProperty(f).ValueKind));
        Assert.Equal(78, bars.GetProperty("AAPL").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("next_page_token").ValueKind);
    }

    [Fact]
    public async Task The_limit_counts_bars_across_symbols_so_a_symbol_continues_on_the_next_page()
    {
        // arrange
        await using var h = await AlpacaHarness.StartAsync();
        var query = $"symbols=AAPL,MSFT&timeframe=5Min&start={Thursday}&end={ThursdayLastBar}";

        // act
        var (_, first, firstId) = await GetAsync(h, query + "&limit=100");
        var token = first.GetProperty("next_page_token").GetString()!;
        var (_, second, secondId) =
            await GetAsync(h, query + "&limit=100&page_token=" + Uri.EscapeDataString(token));

        // assert: 78 AAPL + 22 MSFT, then the other 56 MSFT bars
        Assert.Equal(78, first.GetProperty("bars").GetProperty("AAPL").GetArrayLength());
        Assert.Equal(22, first.GetProperty("bars").GetProperty("MSFT").GetArrayLength());
        Assert.Equal(["MSFT"], second.GetProperty("bars").EnumerateObject().Select(p => p.Name));
        Assert.Equal(56, second.GetProperty("bars").GetProperty("MSFT").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_page_token").ValueKind);
        Assert.NotEqual(firstId, secondId);
        Assert.Equal(
            [(null, 100), (token, 56)],
            h.Requests.All.Select(r => (r.PageToken, r.BarsServed)));
    }

    [Fact]
    public async Task The_mock_page_limit_caps_what_a_request_may_ask()
    {
        await using var h = await AlpacaHarness.StartAsync();
        h.Faults.AlpacaPageLimit = 50;

        var (_, json, _) = await GetAsync(h,
            $"symbols=AAPL&timeframe=5Min&start={Thursday}&end={ThursdayLastBar}&limit=10000");

        Assert.Equal(50, json.GetProperty("bars").GetProperty("AAPL").GetArrayLength());
        Assert.Equal(JsonValueKind.String, json.GetProperty("next_page_token").ValueKind);
    }

    [Fact]
    public async Task Without_a_limit_a_page_holds_1000_bars()
    {
        await using var h = await AlpacaHarness.StartAsync();

        var (_, json, _) = await GetAsync(h,
            "symbols=AAPL,MSFT,NVDA&timeframe=1Min&start=2026-12-03&end=2026-12-05");

        var bars = json.GetProperty("bars").EnumerateObject().Sum(p => p.Value.GetArrayLength());
        Assert.Equal(1000, bars);
        Assert.Equal(JsonValueKind.String, json.GetProperty("next_page_token").ValueKind);
    }

    [Fact]
    public async Task Start_and_end_are_both_inclusive_and_filter_bar_starts()
    {
        await using var h = await AlpacaHarness.StartAsync();

        var (_, json, _) = await GetAsync(h,
            "symbols=AAPL&timeframe=5Min&start=2026-12-03T14:30:00Z&end=2026-12-03T14:40:00Z");

        Assert.Equal(["2026-12-03T14:30:00Z", "2026-12-03T14:35:00Z", "2026-12-03T14:40:00Z"],
            Stamps(json, "AAPL"));
    }

    [Fact]
    public async Task Daily_bars_are_stamped_at_midnight_New_York_and_hours_on_the_UTC_clock()
    {
        await using var h = await AlpacaHarness.StartAsync();

        var (_, days, _) = await GetAsync(h,
            "symbols=AAPL&timeframe=1Day&start=2026-12-03T00:00:00-05:00&end=2026-12-04");
        var (_, alias, _) = await GetAsync(h,
            "symbols=AAPL&timeframe=1D&start=2026-12-03T00:00:00-05:00&end=2026-12-04");
        var (_, hours, _) = await GetAsync(h,
            $"symbols=AAPL&timeframe=1H&start=2026-12-03T14:00:00Z&end={ThursdayLastBar}");

        Assert.Equal(["2026-12-03T05:00:00Z", "2026-12-04T05:00:00Z"], Stamps(days, "AAPL"));
        Assert.Equal(days.GetRawText(), alias.GetRawText());
        // The first hour bar starts at 09:00 ET, half an hour before the open: off our grid.
        Assert.Equal("2026-12-03T14:00:00Z", Stamps(hours, "AAPL")[0]);
    }

    [Fact]
    public async Task No_data_is_an_empty_bars_object()
    {
        await using var h = await AlpacaHarness.StartAsync();

        var (status, json, _) = await GetAsync(h,
            "symbols=AAPL,MSFT&timeframe=1Min&start=2026-12-05T00:00:00Z&end=2026-12-06T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{}", json.GetProperty("bars").GetRawText());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("next_page_token").ValueKind);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(AlpacaHarness.KeyId, "wrong-secret")]
    [InlineData("wrong-key", AlpacaHarness.SecretKey)]
    public async Task Missing_or_wrong_keys_are_401_with_a_message(string? keyId, string? secret)
    {
        await using var h = await AlpacaHarness.StartAsync();

        var (status, json, id) = await GetAsync(h,
            $"symbols=AAPL&timeframe=1Min&start={Thursday}&end={ThursdayLastBar}", keyId, secret);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(JsonValueKind.String, json.GetProperty("message").ValueKind);
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(401, Assert.Single(h.Requests.All).Status);
    }

    [Fact]
    public async Task Recent_SIP_data_is_refused_on_the_free_plan_and_older_SIP_data_is_not()
    {
        await using var h = await AlpacaHarness.StartAsync();
        var now = AlpacaHarness.Now;
        string Sip(NodaTime.Instant end) =>
            "symbols=AAPL&timeframe=1Day&feed=sip&start=2026-12-03&end=" +
            NodaTime.Text.InstantPattern.General.Format(end);

        var (recent, json, _) = await GetAsync(h, Sip(now - NodaTime.Duration.FromMinutes(5)));
        var (older, _, _) = await GetAsync(h, Sip(now - NodaTime.Duration.FromMinutes(16)));

        Assert.Equal(HttpStatusCode.Forbidden, recent);
        Assert.Contains("SIP", json.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, older);
    }

    [Theory]
    [InlineData("symbols=AAPL&timeframe=60Min")]
    [InlineData("symbols=AAPL&timeframe=24Hour")]
    [InlineData("symbols=AAPL&timeframe=2Day")]
    [InlineData("symbols=AAPL&timeframe=1Min&limit=0")]
    [InlineData("symbols=AAPL&timeframe=1Min&limit=10001")]
    [InlineData("symbols=AAPL&timeframe=1Min&feed=otc")]
    [InlineData("symbols=AAPL&timeframe=1Min&start=yesterday")]
    [InlineData("symbols=AAPL&timeframe=1Min&page_token=not-base64!")]
    [InlineData("timeframe=1Min")]
    public async Task Bad_parameters_are_422_with_a_message(string query)
    {
        await using var h = await AlpacaHarness.StartAsync();

        var (status, json, _) = await GetAsync(h, query);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(JsonValueKind.String, json.GetProperty("message").ValueKind);
    }

    [Fact]
    public async Task Every_request_is_logged_with_its_symbols_timeframe_status_and_bars()
    {
        await using var h = await AlpacaHarness.StartAsync();

        await GetAsync(h,
            $"symbols=MSFT,AAPL&timeframe=15Min&start={Thursday}&end={ThursdayLastBar}");
        await GetAsync(h, "symbols=AAPL&timeframe=1Min", keyId: null, secret: null);

        Assert.Equal(2, h.Requests.CountOf("alpaca"));
        var (served, refused) = (h.Requests.All[0], h.Requests.All[1]);
        Assert.Equal(["MSFT", "AAPL"], served.Symbols);
        Assert.Equal(("15Min", 200, 52, (string?)null),
            (served.Timeframe, served.Status, served.BarsServed, served.PageToken));
        Assert.Equal((401, 0), (refused.Status, refused.BarsServed));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json, string? Id)> GetAsync(
        AlpacaHarness h, string query, string? keyId = AlpacaHarness.KeyId,
        string? secret = AlpacaHarness.SecretKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(h.Server.BaseAddress, "/v2/stocks/bars?" + query));
        if (keyId is not null)
            request.Headers.Add("APCA-API-KEY-ID", keyId);
        if (secret is not null)
            request.Headers.Add("APCA-API-SECRET-KEY", secret);

        using var reply = await h.Http.SendAsync(request);
        var body = await reply.Content.ReadAsStringAsync();
        var id = reply.Headers.TryGetValues("X-Request-ID", out var ids) ? ids.First() : null;
        return (reply.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), id);
    }

    private static List<string> Stamps(JsonElement json, string symbol) =>
        [.. json.GetProperty("bars").GetProperty(symbol).EnumerateArray()
            .Select(b => b.GetProperty("t").GetString()!)];
}
