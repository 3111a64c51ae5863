using Akka.Collector.Actors.Hosting;
using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;

namespace Akka.Collector.EndToEnd.Tests.Admin;

/// <summary>
/// cluster show, leave, down-unreachable and sharding regions on a real one-node cluster.
/// </summary>
public sealed class ClusterAdminTests(AdminNode fixture) : IClassFixture<AdminNode>
{
    private TestNode Node => fixture.Node;

    private string Self => Cluster.Cluster.Get(Node.System).SelfAddress.ToString();

    [Fact]
    public async Task Cluster_show_lists_the_node_up_as_its_own_leader_with_its_role()
    {
        // act
        var show = await AdminHttp.GetAsync(Node.Http, "/api/v1/admin/cluster", AdminNode.Token);

        // assert
        Assert.True(show.Status == 200, show.ToString());
        Assert.Equal(Self, show.Body.GetProperty("self").GetString());
        Assert.Equal(Self, show.Body.GetProperty("leader").GetString());
        var member = Assert.Single(show.Body.GetProperty("members").EnumerateArray());
        Assert.Equal(Self, member.GetProperty("address").GetString());
        Assert.Equal("Up", member.GetProperty("status").GetString());
        Assert.True(member.GetProperty("reachable").GetBoolean());
        Assert.Contains("collector",
            member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Empty(show.Body.GetProperty("unreachable").EnumerateArray());
    }

    [Fact]
    public async Task Sharding_regions_show_the_symbol_region_with_one_entity_per_symbol()
    {
        // act
        var answer = await AdminHttp.GetAsync(
            Node.Http, "/api/v1/admin/sharding/regions", AdminNode.Token);

        // assert: every symbol of the universe lives in a shard of this node
        Assert.True(answer.Status == 200, answer.ToString());
        var region = Assert.Single(answer.Body.GetProperty("regions").EnumerateArray(),
            r => r.GetProperty("typeName").GetString() == CollectorHosting.SymbolRegionName);
        var node = Assert.Single(region.GetProperty("nodes").EnumerateArray());
        Assert.Equal(Self, node.GetProperty("address").GetString());

        var shards = node.GetProperty("shards").EnumerateArray().ToList();
        Assert.NotEmpty(shards);
        Assert.Equal(shards.Count, node.GetProperty("shardCount").GetInt32());
        Assert.Equal(NoonNode.Universe.Length,
            shards.Sum(s => s.GetProperty("entities").GetInt32()));
        Assert.Equal(NoonNode.Universe.Length, region.GetProperty("entityCount").GetInt32());
        Assert.Empty(node.GetProperty("failed").EnumerateArray());
    }

    [Fact]
    public async Task Down_unreachable_on_a_healthy_cluster_downs_nobody()
    {
        // act
        var answer = await AdminHttp.PostAsync(
            Node.Http, "/api/v1/admin/cluster/down-unreachable", AdminNode.Token);
        var show = await AdminHttp.GetAsync(Node.Http, "/api/v1/admin/cluster", AdminNode.Token);

        // assert
        Assert.True(answer.Status == 200, answer.ToString());
        Assert.Empty(answer.Body.GetProperty("downed").EnumerateArray());
        var member = Assert.Single(show.Body.GetProperty("members").EnumerateArray());
        Assert.Equal("Up", member.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"address":"akka.tcp://collector@10.9.9.9:4053"}""", 404, "No such member")]
    [InlineData("""{"address":"not an address"}""", 400, "Invalid parameter 'address'")]
    [InlineData("""{}""", 400, "Invalid parameter 'address'")]
    public async Task Leave_of_an_unknown_or_malformed_address_changes_nothing(
        string body, int status, string title)
    {
        // act
        var answer = await AdminHttp.PostAsync(
            Node.Http, "/api/v1/admin/cluster/leave", AdminNode.Token, body);
        var show = await AdminHttp.GetAsync(Node.Http, "/api/v1/admin/cluster", AdminNode.Token);

        // assert
        Assert.True(answer.Status == status, answer.ToString());
        Assert.Equal(title, answer.Body.GetProperty("title").GetString());
        var member = Assert.Single(show.Body.GetProperty("members").EnumerateArray());
        Assert.Equal("Up", member.GetProperty("status").GetString());
    }
}
