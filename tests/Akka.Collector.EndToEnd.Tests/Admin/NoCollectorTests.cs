using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;

namespace Akka.Collector.EndToEnd.Tests.Admin;

/// <summary>
/// A gateway-only node with no collector in its cluster: the queue and the gap filler run
/// nowhere, so their endpoints answer 503 naming that at once instead of timing out as 500s.
/// </summary>
public sealed class NoCollectorTests
{
    [Theory]
    [InlineData("GET", "/api/v1/admin/symbols", null)]
    [InlineData("POST", "/api/v1/admin/symbols", """{"symbol":"NEWCO"}""")]
    [InlineData("DELETE", "/api/v1/admin/symbols/AAPL", null)]
    [InlineData("POST", "/api/v1/admin/collect", """{"symbol":"AAPL","interval":"5m"}""")]
    [InlineData("GET", "/api/v1/admin/queue", null)]
    [InlineData("GET", "/api/v1/admin/gaps", null)]
    public async Task Without_a_collector_node_the_endpoint_is_a_503_naming_the_cause(
        string method, string path, string? body)
    {
        // arrange
        await using var node = await TestNode.StartAsync(NoonNode.Noon, NoonNode.Universe,
            AdminNode.TokenHocon(AdminNode.Token) + "\ncollector.roles = [gateway]");

        // act
        var answer = await AdminHttp.SendAsync(
            node.Http, new HttpMethod(method), path, AdminNode.Token, body);

        // assert
        Assert.True(answer.Status == 503, answer.ToString());
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal("No collector node is up", answer.Body.GetProperty("title").GetString());
        Assert.Contains("'collector' role", answer.Body.GetProperty("detail").GetString());
    }
}
