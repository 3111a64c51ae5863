namespace Akka.Collector.Node.Configuration;

/// <summary>
/// Vendor keys. They come only from the environment or a secrets file (KEY=VALUE lines, as a
/// Kubernetes secret mounts them), never from collector.conf, and are never logged: this
/// type prints as redacted. A real vendor with a missing key stops the node at start.
/// </summary>
public sealed class VendorCredentials
{
    public const string AlpacaKeyIdVariable = "ALPACA_API_KEY_ID";
    public const string AlpacaSecretVariable = "ALPACA_API_SECRET_KEY";
    public const string PolygonKeyVariable = "POLYGON_API_KEY";

    private readonly IReadOnlyDictionary<string, string> _values;

    private VendorCredentials(IReadOnlyDictionary<string, string> values) => _values = values;

    /// <summary>Environment variables win over the secrets file.</summary>
    public static VendorCredentials Load(
        string? secretsFile, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);

        if (!string.IsNullOrWhiteSpace(secretsFile))
        {
            if (!File.Exists(secretsFile))
                throw new FileNotFoundException($"secrets file '{secretsFile}' does not exist");

            foreach (var line in File.ReadAllLines(secretsFile))
            {
                var trimmed = line.Trim();
                var eq = trimmed.IndexOf('=');
                if (trimmed.Length == 0 || trimmed[0] == '#' || eq <= 0)
                    continue;
                values[trimmed[..eq].Trim()] = trimmed[(eq + 1)..].Trim().Trim('"');
            }
        }

        foreach (var name in
            new[] { AlpacaKeyIdVariable, AlpacaSecretVariable, PolygonKeyVariable })
        {
            if (environment(name) is { Length: > 0 } value)
                values[name] = value;
        }

        return new VendorCredentials(values);
    }

    /// <summary>The key, or a startup error naming the variable that is missing.</summary>
    public string Require(string variable, string vendor) =>
        _values.TryGetValue(variable, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException(
                $"collector.vendor.kind = {vendor} needs {variable}: " +
                "set the environment variable " +
                "or put it in the secrets file (collector.vendor.secrets-file)");

    public override string ToString() => "VendorCredentials (redacted)";
}
