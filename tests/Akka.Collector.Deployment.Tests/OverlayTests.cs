using Akka.Collector.Deployment.Tests.Support;

namespace Akka.Collector.Deployment.Tests;

/// <summary>What each shipped overlay is for: dev one node on SQLite, production three on
/// PostgreSQL with migrations before the node starts.</summary>
public sealed class OverlayTests
{
    [KubectlTheory]
    [InlineData("dev")]
    public async Task Dev_runs_one_node_on_sqlite_kept_on_a_volume(string overlay)
    {
        // act
        var rendered = await Kustomize.RenderAsync(overlay);
        var set = rendered.Single("StatefulSet");
        var container = Assert.Single(set.At("spec", "template", "spec").Items("containers"));

        // assert
        Assert.Equal("1", set.At("spec", "replicas").Text());
        var path = container.Env("COLLECTOR_SQLITE_PATH");
        var claim = Assert.Single(set.At("spec").Items("volumeClaimTemplates"));
        var mount = Assert.Single(container.Items("volumeMounts"),
            m => m.At("name").Text() == claim.At("metadata", "name").Text());
        Assert.StartsWith(mount.At("mountPath").Text() + "/", path);
    }

    [KubectlTheory]
    [InlineData("production")]
    public async Task Production_runs_three_nodes_on_postgresql_after_migrating(string overlay)
    {
        // act
        var rendered = await Kustomize.RenderAsync(overlay);
        var set = rendered.Single("StatefulSet");
        var pod = set.At("spec", "template", "spec");
        var container = Assert.Single(pod.Items("containers"));
        var migrate = Assert.Single(pod.Items("initContainers"));

        // assert
        Assert.Equal("3", set.At("spec", "replicas").Text());
        Assert.Equal(container.At("image").Text(), migrate.At("image").Text());
        Assert.Equal(["migrate"], migrate.Items("args").Select(a => a.Text()));
        foreach (var node in new[] { container, migrate })
        {
            Assert.Equal("postgres", node.Env("COLLECTOR_STORE_KIND"));
            var connection = Assert.Single(node.Items("env"),
                e => e.At("name").Text() == "COLLECTOR_PG_CONNECTION");
            Assert.Equal("collector-postgres",
                connection.At("valueFrom", "secretKeyRef", "name").Text());
        }
    }
}
