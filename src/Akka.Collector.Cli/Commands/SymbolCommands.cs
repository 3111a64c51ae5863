using System.CommandLine;
using System.Text.Json;
using Akka.Collector.Cli.Output;
using Spectre.Console;

namespace Akka.Collector.Cli.Commands;

/// <summary>symbols list | add | remove: the universe and the symbols being onboarded.</summary>
public static class SymbolCommands
{
    public static Command Create(CliContext cli)
    {
        var list = new Command("list", "The universe, and symbols still being onboarded");
        cli.SetAction(list, async run =>
            run.Show(await run.Client.GetAsync("api/v1/admin/symbols", run.Cancel),
                answer => RenderList(run.Console, answer)));

        var addSymbol = Symbol("The symbol to onboard (backfill, then join the universe)");
        var add = new Command("add", "Onboard a symbol: backfill it, then collect it every round")
        {
            addSymbol,
        };
        cli.SetAction(add, async run =>
            run.Show(
                await run.Client.PostAsync("api/v1/admin/symbols",
                    new { symbol = run.Parse.GetValue(addSymbol) }, run.Cancel),
                answer => run.Console.Line($"{answer.Text("symbol")}: {answer.Text("state")}")));

        var removeSymbol = Symbol("The symbol to drop from the universe");
        var remove = new Command("remove", "Stop collecting a symbol (its stored bars stay)")
        {
            removeSymbol,
        };
        cli.SetAction(remove, async run =>
        {
            var symbol = Uri.EscapeDataString(run.Parse.GetValue(removeSymbol)!);
            run.Show(
                await run.Client.DeleteAsync($"api/v1/admin/symbols/{symbol}", run.Cancel),
                answer => run.Console.Line($"{answer.Text("symbol")} removed from the universe"));
        });

        return new Command("symbols", "The universe of collected symbols") { list, add, remove };
    }

    private static Argument<string> Symbol(string description) =>
        new("symbol") { Description = description };

    private static void RenderList(IAnsiConsole console, JsonElement answer)
    {
        var universe = answer.Items("universe").Select(s => s.GetString()).ToList();
        console.Line($"universe ({universe.Count}): {string.Join(' ', universe)}");

        var onboarding = answer.Items("onboarding").ToList();
        if (onboarding.Count == 0)
        {
            console.Line("onboarding: none");
            return;
        }

        var table = Cells.Table("onboarding", "state");
        foreach (var item in onboarding)
            table.Row(item.Text("symbol"), item.Text("state"));
        console.Write(table);
    }
}
