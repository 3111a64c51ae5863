using Akka.Cluster;
using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Admin;

/// <summary>
/// The admin API answers only callers with the node's token; everyone else gets a 401 that
/// says why, and the call changes nothing.
/// </summary>
public sealed class AdminTokenTests(AdminNode fixture) : IClassFixture<AdminNode>
{
    private TestNode Node => fixture.Node;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    [InlineData("test-admin-token-5f1")]
    [InlineData("test-admin-token-5f1c-and-more")]
    public async Task A_call_without_the_token_is_refused_with_401(string? token)
    {
        // act
        var answer = await AdminHttp.GetAsync(Node.Http, "/api/v1/admin/cluster", token);

        // assert
        Assert.True(answer.Status == 401, answer.ToString());
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Contains("Bearer", answer.Response.Headers.WwwAuthenticate.ToString());
        Assert.False(answer.Body.TryGetProperty("members", out _));
    }

    [Fact]
    public async Task A_leave_with_a_wrong_token_is_refused_and_the_node_stays_up()
    {
        // arrange
        var self = Cluster.Cluster.Get(Node.System).SelfAddress.ToString();

        // act
        var refused = await AdminHttp.PostAsync(Node.Http, "/api/v1/admin/cluster/leave",
            "wrong-token", $$"""{"address":"{{self}}"}""");
        var show = await AdminHttp.GetAsync(Node.Http, "/api/v1/admin/cluster", AdminNode.Token);

        // assert: refused, and the member is still Up, not leaving
        Assert.True(refused.Status == 401, refused.ToString());
        Assert.Equal(
            "Admin token rejected", refused.Body.GetProperty("title").GetString());
        var member = Assert.Single(show.Body.GetProperty("members").EnumerateArray());
        Assert.Equal("Up", member.GetProperty("status").GetString());
        Assert.Equal(MemberStatus.Up, Cluster.Cluster.Get(Node.System).SelfMember.Status);
    }

    [Fact]
    public async Task A_malformed_body_without_a_token_gets_401_not_a_parse_error()
    {
        // act: the token check runs before the body is read
        var answer = await AdminHttp.PostAsync(
            Node.Http, "/api/v1/admin/cluster/leave", token: null, body: "{not json");

        // assert
        Assert.True(answer.Status == 401, answer.ToString());
        Assert.Equal("Admin token required", answer.Body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_right_token_is_accepted()
    {
        // act
        var answer = await AdminHttp.GetAsync(
            Node.Http, "/api/v1/admin/cluster", AdminNode.Token);

        // assert
        Assert.True(answer.Status == 200, answer.ToString());
    }

    [Fact]
    public async Task Without_a_configured_token_every_admin_call_says_admin_is_disabled()
    {
        // arrange: a node with no token at all
        await using var node = await TestNode.StartAsync(
            NoonNode.Noon, NoonNode.Universe, AdminNode.TokenHocon(""));

        // act: even an empty bearer or a guess is refused
        var none = await AdminHttp.GetAsync(node.Http, "/api/v1/admin/cluster", token: null);
        var guess = await AdminHttp.PostAsync(
            node.Http, "/api/v1/admin/cluster/down-unreachable", token: "");

        // assert
        foreach (var answer in new[] { none, guess })
        {
            Assert.True(answer.Status == 401, answer.ToString());
            Assert.Equal("Admin API is disabled", answer.Body.GetProperty("title").GetString());
            Assert.Contains(
                "COLLECTOR_ADMIN_TOKEN", answer.Body.GetProperty("detail").GetString());
        }
    }
}
