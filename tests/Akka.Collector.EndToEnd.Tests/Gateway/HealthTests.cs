using Akka.Collector.EndToEnd.Tests.Harness;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>Probes of a healthy node: its clock inside the calendar, an Up member.</summary>
public sealed class HealthTests(NoonNode fixture) : IClassFixture<NoonNode>
{
    [Fact]
    public async Task A_node_inside_its_calendar_and_up_in_its_cluster_is_live_and_ready()
    {
        // act
        var live = await HttpJson.GetAsync(fixture.Node.Http, "/healthz/live");
        var ready = await HttpJson.GetAsync(fixture.Node.Http, "/healthz/ready");

        // assert
        Assert.Equal(200, live.Status);
        Assert.True(ready.Status == 200, ready.ToString());
        Assert.Equal("ready", ready.Body.GetProperty("status").GetString());
    }
}
