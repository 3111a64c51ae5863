using System.CommandLine;
using System.Text.Json;
using Akka.Collector.Cli.Output;
using Spectre.Console;

namespace Akka.Collector.Cli.Commands;

/// <summary>queue show: the collection queue's running and waiting work.</summary>
public static class QueueCommands
{
    public static Command Create(CliContext cli)
    {
        var show = new Command("show", "Work running and waiting in the collection queue");
        cli.SetAction(show, async run =>
            run.Show(await run.Client.GetAsync("api/v1/admin/queue", run.Cancel),
                answer => Render(run.Console, answer)));
        return new Command("queue", "The collection queue") { show };
    }

    private static void Render(IAnsiConsole console, JsonElement answer)
    {
        console.Line($"depth: {answer.Text("depth")}");
        foreach (var part in new[] { "running", "queued" })
        {
            var items = answer.Items(part).ToList();
            if (items.Count == 0)
            {
                console.Line($"{part}: none");
                continue;
            }

            var table = Cells.Table(
                part, "interval", "from", "to", "priority", "kind", "attempts");
            foreach (var item in items)
            {
                table.Row(item.Text("symbol"), item.Text("interval"), item.Text("from"),
                    item.Text("to"), item.Text("priority"), item.Text("kind"),
                    item.Text("attempts"));
            }

            console.Write(table);
        }
    }
}
