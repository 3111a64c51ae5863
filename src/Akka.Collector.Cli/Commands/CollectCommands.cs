using System.CommandLine;
using Akka.Collector.Cli.Http;
using Akka.Collector.Cli.Output;

namespace Akka.Collector.Cli.Commands;

/// <summary>collect now &lt;symbol|--all&gt; --interval 5m [--from --to]: queue a forced
/// collection.</summary>
public static class CollectCommands
{
    public static Command Create(CliContext cli)
    {
        var symbol = new Argument<string?>("symbol")
        {
            Description = "The symbol to collect (or --all for the whole universe)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<bool>("--all") { Description = "Every symbol of the universe" };
        var interval = new Option<string>("--interval", "-i")
        {
            Description = "The interval: 1m, 2m, 5m, 15m, 30m, 1h, 2h, 4h or 1d",
            Required = true,
        };
        // Times go to the node as typed: it reads them as the charts do and names a bad one.
        // Parsed here, a time without an offset would silently take this machine's zone.
        var from = new Option<string?>("--from")
        {
            Description = "Start: ISO-8601 with Z or an offset, or epoch ms " +
                "(default: the session in progress)",
        };
        var to = new Option<string?>("--to")
        {
            Description = "End, as --from (default: the latest closed bar)",
        };

        var now = new Command("now", "Queue a collection of one symbol, or of all, now")
        {
            symbol,
            all,
            interval,
            from,
            to,
        };
        cli.SetAction(now, async run =>
        {
            var target = Target(run.Parse.GetValue(symbol), run.Parse.GetValue(all));
            var body = new
            {
                symbol = target,
                interval = run.Parse.GetValue(interval),
                from = run.Parse.GetValue(from),
                to = run.Parse.GetValue(to),
            };
            run.Show(
                await run.Client.PostAsync("api/v1/admin/collect", body, run.Cancel),
                answer => run.Console.Line(
                    $"queued {answer.Text("queued")} collection(s) of " +
                    $"{target ?? "the whole universe"} at {body.interval}"));
        });

        return new Command("collect", "Forced collections") { now };
    }

    // Null means the whole universe, which the endpoint takes as a missing symbol.
    private static string? Target(string? symbol, bool all) => (symbol, all) switch
    {
        ({ }, false) => symbol,
        (null, true) => null,
        (null, false) => throw new CliFailure(
            "collect now needs a symbol, or --all for the whole universe", ExitCodes.Usage),
        _ => throw new CliFailure("give a symbol or --all, not both", ExitCodes.Usage),
    };
}
