using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Akka.Collector.Cli.Commands;
using Akka.Collector.Cli.Http;
using Spectre.Console;

namespace Akka.Collector.Cli;

/// <summary>
/// The command tree of collectorctl. Cluster commands are named as in Petabridge.Cmd
/// (cluster show, cluster leave, cluster down-unreachable, cluster sharding regions); the
/// rest speak the collector's own admin endpoints.
/// </summary>
public static class CollectorCtl
{
    public static async Task<int> RunAsync(
        string[] args,
        IAnsiConsole console,
        TextWriter error,
        Func<string, string?> environment,
        CancellationToken ct = default)
    {
        var cli = new CliContext(console, error, environment);
        var root = new RootCommand(
            "collectorctl: inspect and steer an Akka.Collector cluster through a node's admin API")
        {
            cli.Url,
            cli.Token,
            cli.Json,
            ClusterCommands.Create(cli),
            IntervalCommands.Create(cli),
            SymbolCommands.Create(cli),
            CollectCommands.Create(cli),
            QueueCommands.Create(cli),
            GapCommands.Create(cli),
        };

        // A wrong command line gets one line and exit code 2, not a page of help.
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            var errors = string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')));
            error.WriteLine($"collectorctl: {errors} (see: {CommandLine(parse)} --help)");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(
            new InvocationConfiguration { Output = console.Profile.Out.Writer, Error = error },
            ct);
    }

    private static string CommandLine(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is CommandResult parent;
             result = parent)
            names.Insert(0, result.Command.Name);

        return string.Join(' ', names.Prepend("collectorctl"));
    }
}
