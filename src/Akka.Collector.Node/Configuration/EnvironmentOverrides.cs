using System.Text;

namespace Akka.Collector.Node.Configuration;

/// <summary>
/// Environment variables that override collector.conf keys, for containers. Akka's HOCON
/// parser does not keep a value when an optional ${?VAR} substitution is unset, so the
/// mapping is done here, explicitly, and README lists the same table.
/// </summary>
public static class EnvironmentOverrides
{
    public static readonly IReadOnlyDictionary<string, string> Keys = new Dictionary<string, string>
    {
        ["COLLECTOR_HOSTNAME"] = "collector.node.hostname",
        ["COLLECTOR_BIND_HOST"] = "collector.node.bind-hostname",
        ["COLLECTOR_PORT"] = "collector.node.port",
        ["COLLECTOR_GATEWAY_HOST"] = "collector.gateway.host",
        ["COLLECTOR_GATEWAY_PORT"] = "collector.gateway.port",
        ["COLLECTOR_CLOCK_START"] = "collector.clock.start-at",
        ["COLLECTOR_CLOCK_SPEED"] = "collector.clock.speed",
        ["COLLECTOR_CLOCK_MODE"] = "collector.clock.mode",
        ["COLLECTOR_CLOCK_TOKEN"] = "collector.clock.control-token",
        ["COLLECTOR_ROLES"] = "collector.roles",
        ["COLLECTOR_SEED_NODES"] = "collector.node.seed-nodes",
        ["COLLECTOR_CALENDAR_FILE"] = "collector.calendar.file",
        ["COLLECTOR_VENDOR"] = "collector.vendor.kind",
        ["COLLECTOR_REPLAY_DIR"] = "collector.vendor.replay.directory",
        ["COLLECTOR_SQLITE_PATH"] = "collector.store.sqlite-path",
        ["COLLECTOR_SQLITE_SYNCHRONOUS"] = "collector.store.sqlite-synchronous",
        ["COLLECTOR_ADMIN_TOKEN"] = "collector.admin.token",
        ["COLLECTOR_DISCOVERY"] = "collector.cluster.discovery",
        ["COLLECTOR_MANAGEMENT_PORT"] = "collector.cluster.management.port",
        ["COLLECTOR_BOOTSTRAP_SERVICE"] = "collector.cluster.bootstrap.service-name",
        ["COLLECTOR_BOOTSTRAP_CONTACT_POINTS"] =
            "collector.cluster.bootstrap.required-contact-points",
        ["COLLECTOR_STORE_KIND"] = "collector.store.kind",
        ["COLLECTOR_PG_CONNECTION"] = "collector.store.postgres.connection-string",
        ["AKKA_LOGLEVEL"] = "akka.loglevel",
    };

    /// <summary>The overrides set in this environment, as HOCON.</summary>
    public static string ToHocon(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var hocon = new StringBuilder();
        foreach (var (variable, key) in Keys)
        {
            var value = read(variable);
            if (!string.IsNullOrEmpty(value))
                hocon.Append(key).Append(" = \"").Append(Escape(value)).Append("\"\n");
        }

        return hocon.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
