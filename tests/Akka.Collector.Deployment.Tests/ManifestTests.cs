using System.Text.Json;
using System.Text.RegularExpressions;
using Akka.Collector.Deployment.Tests.Support;
using Akka.Configuration;

namespace Akka.Collector.Deployment.Tests;

/// <summary>
/// Every overlay under k8s/overlays, rendered by kubectl kustomize, checked for what breaks
/// a deployment silently: ports that differ from hocon/, probes on paths the node does not
/// serve, RBAC that does not let discovery list pods, a config map that is not hocon/, and
/// secret values written into the manifests.
/// </summary>
public sealed partial class ManifestTests
{
    private static readonly Config Hocon = ConfigurationFactory.ParseString(
        File.ReadAllText(Repo.PathOf("hocon", "collector.conf")));

    [KubectlTheory]
    [MemberData(nameof(Overlays))]
    public async Task Container_ports_are_the_ports_hocon_configures(string overlay)
    {
        // arrange
        var rendered = await Kustomize.RenderAsync(overlay);
        var expected = new Dictionary<string, string>
        {
            ["remoting"] = Hocon.GetInt("collector.node.port").ToString(),
            ["gateway"] = Hocon.GetInt("collector.gateway.port").ToString(),
            ["management"] = Hocon.GetInt("collector.cluster.management.port").ToString(),
        };

        // act
        var ports = Container(rendered).Items("ports")
            .ToDictionary(p => p.At("name").Text()!, p => p.At("containerPort").Text()!);

        // assert: the ports, and services that target them by name
        Assert.Equal(expected, ports);
        foreach (var service in rendered.OfKind("Service"))
        {
            foreach (var port in service.At("spec").Items("ports"))
                Assert.Contains(port.At("targetPort").Text()!, expected.Keys);
        }

        var headless = rendered.Named("Service", "collector");
        Assert.Equal("None", headless.At("spec", "clusterIP").Text());
        Assert.Equal("collector", StatefulSet(rendered).At("spec", "serviceName").Text());
    }

    [KubectlTheory]
    [MemberData(nameof(Overlays))]
    public async Task Probes_use_health_paths_the_gateway_serves(string overlay)
    {
        // arrange: the paths the gateway's health endpoints map
        var source = File.ReadAllText(
            Repo.PathOf("src", "Akka.Collector.Gateway", "Health", "HealthEndpoints.cs"));
        var served = MapGet().Matches(source).Select(m => m.Groups[1].Value).ToHashSet();

        // act
        var container = Container(await Kustomize.RenderAsync(overlay));
        var probes = new[] { "startupProbe", "livenessProbe", "readinessProbe" }
            .ToDictionary(p => p, p => container.At(p, "httpGet"));

        // assert: liveness checks nothing outside the process, readiness the membership
        foreach (var (_, probe) in probes)
        {
            Assert.Contains(probe.At("path").Text()!, served);
            Assert.Equal("gateway", probe.At("port").Text());
        }

        Assert.Equal("/healthz/live", probes["livenessProbe"].At("path").Text());
        Assert.Equal("/healthz/ready", probes["readinessProbe"].At("path").Text());
    }

    [KubectlTheory]
    [MemberData(nameof(Overlays))]
    public async Task The_pods_account_may_get_watch_and_list_pods_for_discovery(string overlay)
    {
        // arrange
        var rendered = await Kustomize.RenderAsync(overlay);
        var account = StatefulSet(rendered).At("spec", "template", "spec", "serviceAccountName")
            .Text();

        // act: the roles bound to that account
        var roles = rendered.OfKind("RoleBinding")
            .Where(b => b.Items("subjects").Any(s =>
                s.At("kind").Text() == "ServiceAccount" && s.At("name").Text() == account))
            .Select(b => rendered.Named("Role", b.At("roleRef", "name").Text()!))
            .ToList();

        // assert
        rendered.Named("ServiceAccount", account!);
        var verbs = roles.SelectMany(r => r.Items("rules"))
            .Where(rule => rule.Items("resources").Any(x => x.Text() == "pods") &&
                           rule.Items("apiGroups").Any(g => g.Text() == ""))
            .SelectMany(rule => rule.Items("verbs").Select(v => v.Text()))
            .ToHashSet();
        Assert.Superset(new HashSet<string?> { "get", "watch", "list" }, verbs);
    }

    [KubectlTheory]
    [MemberData(nameof(Overlays))]
    public async Task The_config_map_holds_hocons_files_mounted_where_the_node_reads_them(
        string overlay)
    {
        // arrange
        var rendered = await Kustomize.RenderAsync(overlay);
        var shipped = Directory.GetFiles(Repo.PathOf("hocon"))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

        // act
        var map = Assert.Single(rendered.OfKind("ConfigMap"));
        var data = map.At("data").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Text()!);
        var name = map.At("metadata", "name").Text();
        var pod = StatefulSet(rendered).At("spec", "template", "spec");

        // assert: the same files, and every container that runs the node mounts them
        Assert.Equal(shipped.OrderBy(f => f.Key), data.OrderBy(f => f.Key));
        var volume = Assert.Single(pod.Items("volumes"),
            v => v.TryGetProperty("configMap", out var c) && c.At("name").Text() == name);
        foreach (var container in pod.Items("containers").Concat(pod.Items("initContainers")))
        {
            Assert.Contains(container.Items("volumeMounts"), m =>
                m.At("name").Text() == volume.At("name").Text() &&
                m.At("mountPath").Text() == "/app/hocon");
        }
    }

    [KubectlTheory]
    [MemberData(nameof(Overlays))]
    public async Task No_secret_value_is_written_into_the_manifests(string overlay)
    {
        // arrange
        var rendered = await Kustomize.RenderAsync(overlay);
        var pod = StatefulSet(rendered).At("spec", "template", "spec");
        var env = pod.Items("containers").Concat(pod.Items("initContainers"))
            .SelectMany(c => c.Items("env"))
            .ToList();

        // act
        var secretish = env.Where(e => SecretName().IsMatch(e.At("name").Text()!)).ToList();

        // assert: no Secret object, and every secret variable comes from a secret reference
        Assert.Empty(rendered.OfKind("Secret"));
        Assert.NotEmpty(secretish);
        foreach (var variable in secretish)
        {
            Assert.False(variable.TryGetProperty("value", out _), variable.GetRawText());
            Assert.True(variable.At("valueFrom").TryGetProperty("secretKeyRef", out _),
                variable.GetRawText());
        }
    }

    [KubectlTheory]
    [MemberData(nameof(Overlays))]
    public async Task Pods_leave_gracefully_and_are_disrupted_one_at_a_time(string overlay)
    {
        // arrange
        var rendered = await Kustomize.RenderAsync(overlay);
        var set = StatefulSet(rendered);

        // act
        var grace = int.Parse(
            set.At("spec", "template", "spec", "terminationGracePeriodSeconds").Text()!);
        var budget = rendered.Single("PodDisruptionBudget").At("spec");

        // assert: longer than the host's 30 s for coordinated shutdown (shard hand-off)
        Assert.True(grace > 30, $"terminationGracePeriodSeconds {grace}");
        Assert.Equal("1", budget.At("maxUnavailable").Text());
        Assert.Equal(set.At("spec", "selector", "matchLabels").GetRawText(),
            budget.At("selector", "matchLabels").GetRawText());
    }

    [KubectlTheory]
    [MemberData(nameof(Overlays))]
    public async Task Seed_nodes_are_the_stable_names_the_pods_advertise(string overlay)
    {
        // arrange
        var rendered = await Kustomize.RenderAsync(overlay);
        var set = StatefulSet(rendered);
        var container = Container(rendered);
        var name = set.At("metadata", "name").Text();
        var service = set.At("spec", "serviceName").Text();
        var port = Hocon.GetInt("collector.node.port");
        var replicas = int.Parse(set.At("spec", "replicas").Text()!);

        // act
        var seeds = (container.Env("COLLECTOR_SEED_NODES") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var podName = Assert.Single(container.Items("env"),
            e => e.At("name").Text() == "POD_NAME");

        // assert: each pod advertises <pod>.<headless service>, listening on every interface;
        // several replicas list every one of them as a seed, one forms its own cluster
        Assert.Equal("metadata.name", podName.At("valueFrom", "fieldRef", "fieldPath").Text());
        Assert.Equal($"$(POD_NAME).{service}", container.Env("COLLECTOR_HOSTNAME"));
        Assert.Equal("0.0.0.0", container.Env("COLLECTOR_BIND_HOST"));
        var expected = replicas == 1 ? [] : Enumerable.Range(0, replicas)
            .Select(i => $"akka.tcp://collector@{name}-{i}.{service}:{port}")
            .ToArray();
        Assert.Equal(expected, seeds);
        Assert.Null(container.Env("COLLECTOR_DISCOVERY"));
    }

    [KubectlTheory]
    [MemberData(nameof(Overlays))]
    public async Task Every_collector_variable_set_is_one_the_node_reads(string overlay)
    {
        // arrange: the variables the node maps onto collector.conf
        var source = File.ReadAllText(Repo.PathOf(
            "src", "Akka.Collector.Node", "Configuration", "EnvironmentOverrides.cs"));
        var read = EnvironmentKey().Matches(source).Select(m => m.Groups[1].Value).ToHashSet();

        // act
        var pod = StatefulSet(await Kustomize.RenderAsync(overlay)).At("spec", "template", "spec");
        var set = pod.Items("containers").Concat(pod.Items("initContainers"))
            .SelectMany(c => c.Items("env"))
            .Select(e => e.At("name").Text()!)
            .Where(n => n.StartsWith("COLLECTOR_", StringComparison.Ordinal))
            .ToHashSet();

        // assert: a misspelt name would be ignored and the node would run on its defaults
        Assert.NotEmpty(read);
        Assert.Subset(read, set);
    }

    public static IEnumerable<object[]> Overlays() => Repo.Overlays();

    private static JsonElement StatefulSet(Kustomize rendered) => rendered.Single("StatefulSet");

    private static JsonElement Container(Kustomize rendered) => Assert.Single(
        StatefulSet(rendered).At("spec", "template", "spec").Items("containers"));

    [GeneratedRegex(@"MapGet\(""([^""]+)""")]
    private static partial Regex MapGet();

    [GeneratedRegex(@"\[""(COLLECTOR_[A-Z_]+)""\]")]
    private static partial Regex EnvironmentKey();

    [GeneratedRegex("TOKEN|KEY|SECRET|PASSWORD|CONNECTION")]
    private static partial Regex SecretName();
}
