using Akka.Configuration;

namespace Akka.Collector.Node.Configuration;

/// <summary>
/// Finds and layers the HOCON a node runs on: test overrides first, then environment
/// variables, then an operator's --config file, then the hocon/ files shipped beside the binary.
/// </summary>
public static class NodeConfig
{
    public static Config Load(string? configFile, string? overrides)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "hocon");
        var config = ConfigurationFactory
            .ParseString(File.ReadAllText(Path.Combine(shipped, "collector.conf")))
            .WithFallback(ConfigurationFactory.ParseString(
                File.ReadAllText(Path.Combine(shipped, "akka.conf"))));

        if (!string.IsNullOrWhiteSpace(configFile))
        {
            if (!File.Exists(configFile))
                throw new FileNotFoundException(
                    $"configuration file '{configFile}' (from --config) does not exist");
            config = ConfigurationFactory.ParseString(File.ReadAllText(configFile))
                .WithFallback(config);
        }

        var environment = EnvironmentOverrides.ToHocon();
        if (environment.Length > 0)
            config = ConfigurationFactory.ParseString(environment).WithFallback(config);

        if (!string.IsNullOrWhiteSpace(overrides))
            config = ConfigurationFactory.ParseString(overrides).WithFallback(config);

        return config;
    }

    /// <summary>The value of a "--name value" or "--name=value" argument, if given.</summary>
    public static string? Argument(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name)
            {
                return i + 1 < args.Length
                    ? args[i + 1]
                    : throw new ArgumentException($"{name} needs a value");
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
                return args[i][(name.Length + 1)..];
        }

        return null;
    }
}
