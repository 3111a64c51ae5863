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
/// Adding and removing symbols through the admin API, each on a node of its own (they
/// change the universe the other admin tests rely on).
/// </summary>
public sealed class UniverseAdminTests
{
    private const string Symbols = "/api/v1/admin/symbols";

    [Fact]
    public async Task Add_of_a_new_symbol_answers_202_and_the_symbol_joins_the_universe()
    {
        // arrange
        await using var node = await StartAsync();
        var newCo = Symbol.Parse("NEWCO");

        // act
        var answer = await AdminHttp.PostAsync(
            node.Http, Symbols, AdminNode.Token, """{"symbol":"NEWCO"}""");
        await node.Events.WaitAsync<QueueProtocol.SymbolJoined>(
            j => j.Symbol == newCo, "NEWCO joined the universe");
        var list = await AdminHttp.GetAsync(node.Http, Symbols, AdminNode.Token);

        // assert: accepted while onboarding, then listed with the configured symbols
        Assert.True(answer.Status == 202, answer.ToString());
        Assert.Equal("NEWCO", answer.Body.GetProperty("symbol").GetString());
        Assert.Equal("onboarding", answer.Body.GetProperty("state").GetString());
        Assert.Equal(NoonNode.Universe.Append("NEWCO").Order(),
            Strings(list.Body.GetProperty("universe")).Order());
        Assert.Empty(list.Body.GetProperty("onboarding").EnumerateArray());
    }

    [Fact]
    public async Task The_status_counts_a_symbol_added_at_run_time()
    {
        // arrange
        await using var node = await StartAsync();
        var newCo = Symbol.Parse("NEWCO");

        // act
        await AdminHttp.PostAsync(node.Http, Symbols, AdminNode.Token, """{"symbol":"NEWCO"}""");
        await node.Events.WaitAsync<QueueProtocol.SymbolJoined>(
            j => j.Symbol == newCo, "NEWCO joined the universe");
        using var status = JsonDocument.Parse(await node.Http.GetStringAsync("/api/v1/status"));

        // assert: the queue's universe, not the configured list
        Assert.Equal(NoonNode.Universe.Length + 1,
            status.RootElement.GetProperty("universe").GetInt32());
    }

    [Fact]
    public async Task Add_of_a_symbol_already_collected_answers_200_in_universe()
    {
        // arrange
        await using var node = await StartAsync();

        // act
        var answer = await AdminHttp.PostAsync(
            node.Http, Symbols, AdminNode.Token, """{"symbol":"AAPL"}""");

        // assert
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Equal("in-universe", answer.Body.GetProperty("state").GetString());
        Assert.DoesNotContain(node.Events.All, e => e is QueueProtocol.OnboardingBegun);
    }

    [Fact]
    public async Task Remove_answers_200_and_the_next_round_no_longer_collects_the_symbol()
    {
        // arrange
        await using var node = await StartAsync();

        // act: MSFT leaves, then 12:01 closes
        var answer = await AdminHttp.SendAsync(
            node.Http, HttpMethod.Delete, $"{Symbols}/MSFT", AdminNode.Token, null);
        node.AdvanceTo(NoonNode.Noon + Duration.FromSeconds(65));
        var round = await node.Rounds.WaitAsync(
            r => r.Interval == BarInterval.M1 && r.UpTo == NoonNode.Noon + Duration.FromMinutes(1),
            "the 12:01 1m round");

        // assert: removed, the round collected the two others only, its bars stay stored
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.True(answer.Body.GetProperty("removed").GetBoolean());
        Assert.Equal(NoonNode.Universe.Length - 1, round.SymbolsDone);
        Assert.Equal(0, round.SymbolsFailed);
        Assert.DoesNotContain(Symbol.Parse("MSFT"), await node.UniverseAsync());
        var msft = await node.Store.ReadAsync(Symbol.Parse("MSFT"), BarInterval.M1,
            NoonNode.Noon, NoonNode.Noon + Duration.FromMinutes(1), 10, default);
        var aapl = await node.Store.ReadAsync(Symbol.Parse("AAPL"), BarInterval.M1,
            NoonNode.Noon, NoonNode.Noon + Duration.FromMinutes(1), 10, default);
        Assert.Empty(msft);
        Assert.Single(aapl);
    }

    private static async Task<TestNode> StartAsync()
    {
        var node = await TestNode.StartAsync(NoonNode.Noon + Duration.FromSeconds(40),
            NoonNode.Universe, AdminNode.TokenHocon(AdminNode.Token));
        await node.WaitForStartupRoundsAsync();
        return node;
    }

    private static IEnumerable<string?> Strings(JsonElement array) =>
        array.EnumerateArray().Select(e => e.GetString());
}
