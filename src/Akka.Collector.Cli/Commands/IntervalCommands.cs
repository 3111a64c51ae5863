using System.CommandLine;
using System.Text.Json;
using Akka.Collector.Cli.Output;
using Spectre.Console;

namespace Akka.Collector.Cli.Commands;

/// <summary>intervals: every interval's last round, lag and next round, from the public
/// GET /api/v1/status.</summary>
public static class IntervalCommands
{
    public static Command Create(CliContext cli)
    {
        var intervals = new Command(
            "intervals", "Each interval's last round, lag and next round, from /api/v1/status");
        cli.SetAction(intervals, async run =>
            run.Show(await run.Client.GetAsync("api/v1/status", run.Cancel),
                answer => Render(run.Console, answer)));
        return intervals;
    }

    private static void Render(IAnsiConsole console, JsonElement status)
    {
        console.Line(
            $"clock {status.Text("clock")}, vendor {status.Text("vendor")}, " +
            $"universe {status.Text("universe")} symbols");

        var table = Cells.Table(
            "interval", "last round up to", "done", "failed", "lag s", "next round", "problem");
        foreach (var row in status.Items("intervals"))
        {
            var last = row.Child("lastRound");
            table.Row(row.Text("interval"), last.Text("upTo"), last.Text("symbolsDone"),
                last.Text("symbolsFailed"), row.Text("lagSeconds"), row.Text("nextRoundAt"),
                row.Text("problem"));
        }

        console.Write(table);
    }
}
