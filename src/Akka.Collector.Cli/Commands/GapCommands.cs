using System.CommandLine;
using System.Text.Json;
using Akka.Collector.Cli.Output;
using Spectre.Console;

namespace Akka.Collector.Cli.Commands;

/// <summary>gaps show: open gaps, quarantined ones and the age of the oldest.</summary>
public static class GapCommands
{
    public static Command Create(CliContext cli)
    {
        var show = new Command("show", "Open and quarantined gaps in the stored bars");
        cli.SetAction(show, async run =>
            run.Show(await run.Client.GetAsync("api/v1/admin/gaps", run.Cancel),
                answer => Render(run.Console, answer)));
        return new Command("gaps", "Gaps in the stored bars") { show };
    }

    private static void Render(IAnsiConsole console, JsonElement answer)
    {
        // With no open gap the API's age is 0, which read as a gap found this instant.
        var open = answer.Items("open").ToList();
        console.Line(open.Count == 0
            ? "oldest open gap: none"
            : $"oldest open gap: {answer.Text("oldestGapAgeSeconds")} s");

        if (open.Count == 0)
        {
            console.Line("open: none");
        }
        else
        {
            var table = Cells.Table("open", "interval", "from", "to", "reason");
            foreach (var gap in open)
            {
                table.Row(gap.Text("symbol"), gap.Text("interval"), gap.Text("from"),
                    gap.Text("to"), gap.Text("reason"));
            }

            console.Write(table);
        }

        var quarantined = answer.Items("quarantined").ToList();
        if (quarantined.Count == 0)
        {
            console.Line("quarantined: none");
            return;
        }

        var held = Cells.Table(
            "quarantined", "interval", "from", "to", "reason", "tries", "retry at");
        foreach (var gap in quarantined)
        {
            held.Row(gap.Text("symbol"), gap.Text("interval"), gap.Text("from"), gap.Text("to"),
                gap.Text("reason"), gap.Text("tries"), gap.Text("retryAt"));
        }

        console.Write(held);
    }
}
