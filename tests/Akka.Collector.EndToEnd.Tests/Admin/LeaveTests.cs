using Akka.Collector.EndToEnd.Tests.Gateway;
using Akka.Collector.EndToEnd.Tests.Harness;

namespace Akka.Collector.EndToEnd.Tests.Admin;

/// <summary>cluster leave with the token: the member leaves gracefully and is removed.</summary>
public sealed class LeaveTests
{
    [Fact]
    public async Task Leave_of_the_node_itself_is_accepted_and_the_member_is_removed()
    {
        // arrange
        await using var node = await TestNode.StartAsync(
            NoonNode.Noon, NoonNode.Universe, AdminNode.TokenHocon(AdminNode.Token));
        var cluster = Cluster.Cluster.Get(node.System);
        await WaitUpAsync(cluster);
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberRemoved(() => removed.TrySetResult());
        var self = cluster.SelfAddress.ToString();

        // act
        var answer = await AdminHttp.PostAsync(
            node.Http, "/api/v1/admin/cluster/leave", AdminNode.Token,
            $$"""{"address":"{{self}}"}""");

        // assert: accepted, then the cluster itself reports the member removed
        Assert.True(answer.Status == 202, answer.ToString());
        Assert.Equal(self, answer.Body.GetProperty("address").GetString());
        await removed.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static Task WaitUpAsync(Cluster.Cluster cluster)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        return up.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
