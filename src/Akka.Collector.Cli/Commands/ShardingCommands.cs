using System.CommandLine;
using System.Text.Json;
using Akka.Collector.Cli.Output;
using Spectre.Console;

namespace Akka.Collector.Cli.Commands;

/// <summary>cluster sharding regions: each region's shards and entities per node.</summary>
public static class ShardingCommands
{
    public static Command Create(CliContext cli)
    {
        var regions = new Command(
            "regions", "Every shard region: shards and live entities on each node");
        cli.SetAction(regions, async run =>
            run.Show(await run.Client.GetAsync("api/v1/admin/sharding/regions", run.Cancel),
                answer => Render(run.Console, answer)));

        return new Command("sharding", "Cluster sharding") { regions };
    }

    private static void Render(IAnsiConsole console, JsonElement answer)
    {
        var table = Cells.Table("region", "node", "shards", "entities", "failed shards");
        foreach (var region in answer.Items("regions"))
        {
            foreach (var node in region.Items("nodes"))
            {
                table.Row(region.Text("typeName"), node.Text("address"),
                    node.Text("shardCount"), node.Text("entityCount"), node.Text("failed"));
            }

            table.Row(region.Text("typeName"), "(all nodes)", region.Text("shardCount"),
                region.Text("entityCount"), "");
        }

        console.Write(table);
    }
}
