using System.CommandLine;
using System.Text.Json;
using Akka.Collector.Cli.Http;
using Akka.Collector.Cli.Output;
using Spectre.Console;

namespace Akka.Collector.Cli.Commands;

/// <summary>
/// cluster show | leave | down-unreachable | sharding regions, named and shaped as in
/// Petabridge.Cmd (leave takes the address as an argument or as -a/--address).
/// </summary>
public static class ClusterCommands
{
    public static Command Create(CliContext cli)
    {
        var show = new Command("show", "Members with their status, roles and reachability");
        cli.SetAction(show, async run =>
            run.Show(await run.Client.GetAsync("api/v1/admin/cluster", run.Cancel),
                answer => RenderMembers(run.Console, answer)));

        var address = new Argument<string?>("address")
        {
            Description = "The member's address, e.g. akka.tcp://collector@10.0.0.7:4053",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var addressOption = new Option<string?>("--address", "-a")
        {
            Description = "The member's address (as in Petabridge.Cmd's cluster leave -a)",
        };
        var leave = new Command("leave", "Make a member leave gracefully (its shards move)")
        {
            address,
            addressOption,
        };
        cli.SetAction(leave, async run =>
        {
            var target = OneAddress(
                run.Parse.GetValue(address), run.Parse.GetValue(addressOption));
            run.Show(
                await run.Client.PostAsync(
                    "api/v1/admin/cluster/leave", new { address = target }, run.Cancel),
                answer => run.Console.Line($"{answer.Text("address")} is leaving the cluster"));
        });

        var down = new Command(
            "down-unreachable", "Down every unreachable member (only ones that are gone)");
        cli.SetAction(down, async run =>
            run.Show(
                await run.Client.PostAsync(
                    "api/v1/admin/cluster/down-unreachable", body: null, run.Cancel),
                answer => RenderDowned(run.Console, answer)));

        return new Command("cluster", "Cluster membership and sharding")
        {
            show,
            leave,
            down,
            ShardingCommands.Create(cli),
        };
    }

    private static string OneAddress(string? argument, string? option) =>
        (argument, option) switch
        {
            ({ } a, null) => a,
            (null, { } o) => o,
            (null, null) => throw new CliFailure(
                "cluster leave needs the member's address (see: cluster show)", ExitCodes.Usage),
            _ => throw new CliFailure(
                "give the address once: as an argument or as --address", ExitCodes.Usage),
        };

    private static void RenderMembers(IAnsiConsole console, JsonElement answer)
    {
        console.Line($"self:   {answer.Text("self")}");
        console.Line($"leader: {answer.Text("leader")}");

        var table = Cells.Table("address", "status", "roles", "reachable");
        foreach (var member in answer.Items("members"))
        {
            table.Row(member.Text("address"), member.Text("status"), member.Text("roles"),
                member.Text("reachable"));
        }

        console.Write(table);
        var unreachable = answer.Items("unreachable").ToList();
        console.Line(unreachable.Count == 0
            ? "unreachable: none"
            : $"unreachable: {string.Join(", ", unreachable.Select(u => u.GetString()))}");
    }

    private static void RenderDowned(IAnsiConsole console, JsonElement answer)
    {
        var downed = answer.Items("downed").Select(d => d.GetString()).ToList();
        console.Line(downed.Count == 0
            ? "no unreachable members; nothing downed"
            : $"downed {downed.Count}: {string.Join(", ", downed)}");
    }
}
