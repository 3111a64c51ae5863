using Spectre.Console;

namespace Akka.Collector.Cli.Tests.Support;

/// <summary>One collectorctl run in this process: its exit code, stdout and stderr.</summary>
public sealed record Ctl(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> ErrorLines =>
        Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <param name="environment">The environment collectorctl sees; none set by default.</param>
    public static async Task<Ctl> RunAsync(
        IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 240;

        var code = await CollectorCtl.RunAsync(args, console, error, name =>
            environment is not null && environment.TryGetValue(name, out var v) ? v : null);
        return new Ctl(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs against a node with its URL and token given as options.</summary>
    public static Task<Ctl> AdminAsync(CliNode node, params string[] args) =>
        RunAsync(null, [.. args, "--url", node.Url, "--token", CliNode.Token]);

    public override string ToString() => $"exit {ExitCode}\nout: {Out}\nerr: {Error}";
}
