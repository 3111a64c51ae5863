using System.Text.Json;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.EndToEnd.Tests.Queue;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Admin;

/// <summary>
/// The collection queue's admin endpoints on a node whose universe none of these tests
/// changes: listing, forced collections of a past range, the queue and gap views, bad input,
/// and the token.
/// </summary>
public sealed class CollectionAdminTests(AdminNode fixture) : IClassFixture<AdminNode>
{
    private const string Admin = "/api/v1/admin";

    private TestNode Node => fixture.Node;

    [Fact]
    public async Task List_shows_the_configured_universe_and_no_onboarding()
    {
        // act
        var answer = await AdminHttp.GetAsync(Node.Http, $"{Admin}/symbols", AdminNode.Token);

        // assert
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Equal(NoonNode.Universe.Order(),
            Strings(answer.Body.GetProperty("universe")).Order());
        Assert.Empty(answer.Body.GetProperty("onboarding").EnumerateArray());
    }

    [Fact]
    public async Task Collect_now_of_a_past_range_queues_work_that_stores_its_bars()
    {
        // arrange: Monday 2026-11-30, a full session before the node's backfill reaches
        var aapl = Symbol.Parse("AAPL");
        var open = Et.At(2026, 11, 30, 9, 30);
        var close = Et.At(2026, 11, 30, 16, 0);
        Assert.Empty(await ReadAsync(aapl, open, close));

        // act
        var answer = await AdminHttp.PostAsync(Node.Http, $"{Admin}/collect", AdminNode.Token,
            $$"""{"symbol":"AAPL","interval":"5m","from":"{{open}}","to":"{{close}}"}""");
        var added = await Node.Events.WaitAsync<QueueProtocol.WorkAdded>(
            w => w.Item.Symbol == aapl && w.Item.Kinds.HasFlag(WorkKinds.Forced),
            "the forced AAPL collection queued");
        await Node.Events.WaitAsync<QueueProtocol.WorkFinished>(
            f => f.Id == added.Item.Id, "the forced AAPL collection finished");

        // assert: one item for that range, and the session's 78 five-minute bars stored
        Assert.True(answer.Status == 202, answer.ToString());
        Assert.Equal(1, answer.Body.GetProperty("queued").GetInt32());
        Assert.Equal(0, answer.Body.GetProperty("skipped").GetInt32());
        Assert.Equal(BarInterval.M5, added.Item.Interval);
        Assert.Equal(open, added.Item.Range.From);
        Assert.Equal(close, added.Item.Range.To);
        var bars = await ReadAsync(aapl, open, close);
        Assert.Equal(78, bars.Count);
        Assert.Equal(open, bars[0].Start);
    }

    [Fact]
    public async Task Collect_now_up_to_now_stops_at_the_latest_settled_bar()
    {
        // arrange: from this session's open, with no end: "up to now"
        var msft = Symbol.Parse("MSFT");
        var open = Et.At(2026, 12, 3, 9, 30);

        // act
        var answer = await AdminHttp.PostAsync(Node.Http, $"{Admin}/collect", AdminNode.Token,
            $$"""{"symbol":"MSFT","interval":"15m","from":"{{open}}"}""");
        var added = await Node.Events.WaitAsync<QueueProtocol.WorkAdded>(
            w => w.Item.Symbol == msft && w.Item.Interval == BarInterval.M15
                 && w.Item.Kinds.HasFlag(WorkKinds.Forced),
            "the forced MSFT collection queued");

        // assert: the range ends on the grid, at a bar that closed a settle delay (5 s) ago,
        // not at the clock
        Assert.True(answer.Status == 202, answer.ToString());
        var end = added.Item.Range.To;
        var settled = Node.Now - Duration.FromSeconds(5);
        Assert.True(end <= settled, $"{end} is after the settled time {settled}");
        var width = Duration.FromMinutes(15).BclCompatibleTicks;
        Assert.Equal(0, (end - open).BclCompatibleTicks % width);
    }

    [Theory]
    [InlineData("""{"symbol":"AAPL","interval":"7m"}""", "interval", "7m")]
    [InlineData("""{"symbol":"AAPL"}""", "interval", "valid intervals")]
    [InlineData("""{"symbol":"A..B","interval":"5m"}""", "symbol", "A..B")]
    [InlineData("""{"symbol":"AAPL","interval":"5m","from":"yesterday"}""", "from", "yesterday")]
    [InlineData("{\"interval\":\"5m\",\"from\":\"2026-12-02T15:00Z\"," +
        "\"to\":\"2026-12-02T14:00Z\"}", "to", "not after from")]
    [InlineData("""{"symbol":"AAPL","interval":"5m","from":"2027-01-04T15:00Z"}""", "from",
        "not before now")]
    [InlineData("{\"symbol\":\"AAPL\",\"interval\":\"5m", "body", "not the JSON")]
    [InlineData("""{"symbol":123,"interval":"5m"}""", "body", "$.symbol")]
    [InlineData("""{"symbol":"AAPL","interval":"5m","from":true}""", "body", "$.from")]
    [InlineData("null", "body", "not null")]
    public async Task Collect_now_with_bad_input_is_a_400_naming_the_parameter(
        string body, string parameter, string detail)
    {
        // act
        var answer = await AdminHttp.PostAsync(
            Node.Http, $"{Admin}/collect", AdminNode.Token, body);

        // assert
        AssertBadParameter(answer, parameter, detail);
    }

    [Fact]
    public async Task Collect_now_takes_epoch_ms_as_a_number_as_well_as_a_string()
    {
        // arrange: Tuesday 2026-12-01 09:30 to 10:00 ET in epoch ms
        var from = Et.At(2026, 12, 1, 9, 30);
        var to = Et.At(2026, 12, 1, 10, 0);

        // act
        var answer = await AdminHttp.PostAsync(Node.Http, $"{Admin}/collect", AdminNode.Token,
            "{\"symbol\":\"SPY\",\"interval\":\"30m\"," +
            $"\"from\":{from.ToUnixTimeMilliseconds()}," +
            $"\"to\":\"{to.ToUnixTimeMilliseconds()}\"}}");
        var added = await Node.Events.WaitAsync<QueueProtocol.WorkAdded>(
            w => w.Item.Symbol == Symbol.Parse("SPY") && w.Item.Interval == BarInterval.M30
                 && w.Item.Kinds.HasFlag(WorkKinds.Forced),
            "the forced SPY collection queued");

        // assert
        Assert.True(answer.Status == 202, answer.ToString());
        Assert.Equal(new Domain.Alignment.TimeRange(from, to), added.Item.Range);
    }

    [Fact]
    public async Task Add_and_remove_of_a_malformed_symbol_are_400s_naming_it()
    {
        // act
        var add = await AdminHttp.PostAsync(
            Node.Http, $"{Admin}/symbols", AdminNode.Token, """{"symbol":"BRK-"}""");
        var remove = await AdminHttp.SendAsync(
            Node.Http, HttpMethod.Delete, $"{Admin}/symbols/A..B", AdminNode.Token, null);

        // assert
        AssertBadParameter(add, "symbol", "BRK-");
        AssertBadParameter(remove, "symbol", "A..B");
    }

    [Fact]
    public async Task Remove_of_a_symbol_outside_the_universe_is_a_404_naming_it()
    {
        // act
        var answer = await AdminHttp.SendAsync(
            Node.Http, HttpMethod.Delete, $"{Admin}/symbols/ZZZQ", AdminNode.Token, null);

        // assert
        Assert.True(answer.Status == 404, answer.ToString());
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Contains("ZZZQ", answer.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Queue_show_answers_depth_and_the_running_and_queued_items()
    {
        // act
        var answer = await AdminHttp.GetAsync(Node.Http, $"{Admin}/queue", AdminNode.Token);

        // assert: the shape collectorctl reads, and the depth the queue itself reports
        Assert.True(answer.Status == 200, answer.ToString());
        var view = await Node.QueueViewAsync();
        Assert.Equal(view.Depth, answer.Body.GetProperty("depth").GetInt32());
        Assert.Equal(JsonValueKind.Array, answer.Body.GetProperty("running").ValueKind);
        Assert.Equal(JsonValueKind.Array, answer.Body.GetProperty("queued").ValueKind);
    }

    [Fact]
    public async Task Gaps_show_answers_open_and_quarantined_gaps_and_the_oldest_age()
    {
        // act
        var answer = await AdminHttp.GetAsync(Node.Http, $"{Admin}/gaps", AdminNode.Token);

        // assert: a node whose start-up rounds all succeeded has no gap to show
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Empty(answer.Body.GetProperty("open").EnumerateArray());
        Assert.Equal(0, answer.Body.GetProperty("openTotal").GetInt32());
        Assert.Empty(answer.Body.GetProperty("quarantined").EnumerateArray());
        Assert.Equal(0, answer.Body.GetProperty("oldestGapAgeSeconds").GetDouble());
        Assert.True(answer.Body.TryGetProperty("lastPass", out _), answer.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Every_collection_endpoint_without_the_token_is_401_and_changes_nothing(
        string? token)
    {
        // arrange
        var calls = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Get, $"{Admin}/symbols", null),
            (HttpMethod.Post, $"{Admin}/symbols", """{"symbol":"NOAUTH"}"""),
            (HttpMethod.Delete, $"{Admin}/symbols/MSFT", null),
            (HttpMethod.Post, $"{Admin}/collect",
                """{"symbol":"SPY","interval":"1d","from":"2026-11-02T14:30Z"}"""),
            (HttpMethod.Get, $"{Admin}/queue", null),
            (HttpMethod.Get, $"{Admin}/gaps", null),
        };

        // act
        var answers = new List<HttpJson>();
        foreach (var (method, path, body) in calls)
            answers.Add(await AdminHttp.SendAsync(Node.Http, method, path, token, body));

        // assert: refused, and the queue saw none of it
        Assert.All(answers, a => Assert.True(a.Status == 401, a.ToString()));
        Assert.All(answers, a => Assert.False(a.Body.TryGetProperty("universe", out _)));
        Assert.Equal(NoonNode.Universe.Order(),
            (await Node.UniverseAsync()).Select(s => s.Value).Order());
        var noAuth = Symbol.Parse("NOAUTH");
        var spy = Symbol.Parse("SPY");
        Assert.DoesNotContain(Node.Events.All, e => e switch
        {
            QueueProtocol.OnboardingBegun b => b.Symbol == noAuth,
            QueueProtocol.SymbolLeft l => l.Symbol.Value == "MSFT",
            QueueProtocol.WorkAdded w => w.Item.Symbol == spy && w.Item.Interval == BarInterval.D1,
            _ => false,
        });
    }

    private static void AssertBadParameter(HttpJson answer, string parameter, string detail)
    {
        Assert.True(answer.Status == 400, answer.ToString());
        Assert.Equal($"Invalid parameter '{parameter}'",
            answer.Body.GetProperty("title").GetString());
        Assert.Equal(parameter, answer.Body.GetProperty("parameter").GetString());
        Assert.Contains(detail, answer.Body.GetProperty("detail").GetString());
    }

    private Task<IReadOnlyList<Domain.Candles.Candle>> ReadAsync(
        Symbol symbol, Instant from, Instant to) =>
        Node.Store.ReadAsync(symbol, BarInterval.M5, from, to, 1000, default);

    private static IEnumerable<string?> Strings(JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetString());
}
