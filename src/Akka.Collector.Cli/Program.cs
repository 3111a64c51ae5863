using Akka.Collector.Cli;
using Spectre.Console;

// collectorctl: the operator's command line for a collector cluster, over its admin HTTP API.
return await CollectorCtl.RunAsync(
    args, AnsiConsole.Console, Console.Error, Environment.GetEnvironmentVariable);
