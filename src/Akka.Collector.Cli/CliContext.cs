using System.CommandLine;
using System.Text.Json;
using Akka.Collector.Cli.Http;
using Spectre.Console;

namespace Akka.Collector.Cli;

/// <summary>
/// What every command shares: the global options, where output and errors go, and the one
/// place a command's failure becomes a line on stderr and an exit code.
/// </summary>
public sealed class CliContext(
    IAnsiConsole console, TextWriter error, Func<string, string?> environment)
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // No default value factories: help prints defaults, and the token must never be printed.
    public Option<string> Url { get; } = new("--url")
    {
        Description = $"The node's gateway (default: $COLLECTOR_URL, else {DefaultUrl})",
        Recursive = true,
    };

    public Option<string> Token { get; } = new("--token")
    {
        Description = "The admin token (default: $COLLECTOR_ADMIN_TOKEN)",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the node's JSON answer instead of tables",
        Recursive = true,
    };

    public IAnsiConsole Console => console;

    /// <summary>Runs a command's body against the node; failures become exit codes.</summary>
    public void SetAction(Command command, Func<Invocation, Task> body)
    {
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var url = parse.GetValue(Url) ?? environment("COLLECTOR_URL") ?? DefaultUrl;
                var token = parse.GetValue(Token) ?? environment("COLLECTOR_ADMIN_TOKEN");
                using var client = AdminClient.Create(url, token, Timeout);
                await body(new Invocation(parse, client, console, parse.GetValue(Json), ct));
                return ExitCodes.Ok;
            }
            catch (CliFailure failure)
            {
                await error.WriteLineAsync($"collectorctl: {failure.Message}");
                return failure.ExitCode;
            }
        });
    }
}

/// <summary>One run of a command: its parsed line, the client, and where to print.</summary>
public sealed record Invocation(
    ParseResult Parse,
    AdminClient Client,
    IAnsiConsole Console,
    bool Json,
    CancellationToken Cancel)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Prints the node's answer as JSON when --json is given; else renders it.</summary>
    public void Show(JsonElement answer, Action<JsonElement> render)
    {
        if (Json)
        {
            Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(answer, Indented));
            return;
        }

        render(answer);
    }
}
