using Akka.Collector.Domain.Symbols;
using Akka.Collector.EndToEnd.Tests.Harness;
using Akka.Collector.Vendors;
using NodaTime;

namespace Akka.Collector.EndToEnd.Tests.Gateway;

/// <summary>
/// A stale chart whose fetch fails answers 502 naming the vendor's fault, or 504 when the
/// vendor did not answer in time; never a 503 that would send the client round again.
/// </summary>
public sealed class VendorFaultTests
{
    // Outside the universe: never collected, so the first chart request must fetch it.
    private const string Chart = "/api/v1/candles/ZZZZ?interval=5m";
    private static readonly Symbol Faulty = Symbol.Parse("ZZZZ");
    private static readonly Instant Start = NoonNode.Noon + Duration.FromSeconds(20);

    [Theory]
    [InlineData(FailureKind.RateLimited, 502)]
    [InlineData(FailureKind.NotEntitled, 502)]
    [InlineData(FailureKind.CredentialsRejected, 502)]
    [InlineData(FailureKind.Timeout, 504)]
    public async Task Vendor_fault_on_a_stale_chart_is_answered_with_its_status_and_name(
        FailureKind kind, int status)
    {
        // arrange
        var fault = new BarSourceException(kind, $"vendor says {kind}");
        await using var node = await TestNode.StartAsync(Start, NoonNode.Universe,
            vendor: sp => new FaultVendor(Synthetic.For(sp), Faulty, fault));
        await node.WaitForStartupRoundsAsync();

        // act
        var answer = await HttpJson.GetAsync(node.Http, Chart);

        // assert
        Assert.True(answer.Status == status, answer.ToString());
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(kind.ToString(), answer.Body.GetProperty("fault").GetString());
        Assert.Contains($"vendor says {kind}", answer.Body.GetProperty("detail").GetString());
        Assert.False(answer.Response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Vendor_that_never_answers_within_its_request_timeout_is_a_504()
    {
        // arrange: a vendor that holds ZZZZ's requests; 5m requests time out after 20 s
        GateVendor? gate = null;
        await using var node = await TestNode.StartAsync(Start, NoonNode.Universe,
            hocon: "collector.gateway.stale-wait = 20s",
            vendor: sp => gate = new GateVendor(Synthetic.For(sp), Faulty));
        await node.WaitForStartupRoundsAsync();
        gate!.Close();

        // act: the request's fetch hangs; the market clock passes the request timeout
        var pending = HttpJson.GetAsync(node.Http, Chart);
        await gate.RequestWaiting.WaitAsync(TimeSpan.FromSeconds(30));
        node.AdvanceTo(node.Now + Duration.FromSeconds(21));
        var answer = await pending;

        // assert
        Assert.True(answer.Status == 504, answer.ToString());
        Assert.Equal("Timeout", answer.Body.GetProperty("fault").GetString());
        gate.Open();
    }

    [Fact]
    public async Task Sub_second_request_timeout_is_named_in_milliseconds_in_the_504()
    {
        // arrange: vendor requests may take 1 ms of market time; ZZZZ's are held at the gate
        GateVendor? gate = null;
        await using var node = await TestNode.StartAsync(Start, NoonNode.Universe,
            hocon: """
                collector.gateway.stale-wait = 20s
                collector.vendor.request-timeout = 1ms
                """,
            vendor: sp => gate = new GateVendor(Synthetic.For(sp), Faulty));
        await node.WaitForStartupRoundsAsync();
        gate!.Close();

        // act: the request's fetch waits at the gate while the market clock passes 1 ms
        var pending = HttpJson.GetAsync(node.Http, Chart);
        await gate.RequestWaiting.WaitAsync(TimeSpan.FromSeconds(30));
        node.AdvanceTo(node.Now + Duration.FromMilliseconds(1));
        var answer = await pending;

        // assert
        Assert.True(answer.Status == 504, answer.ToString());
        var detail = answer.Body.GetProperty("detail").GetString();
        Assert.Contains("vendor did not answer within 1 ms", detail);
        Assert.DoesNotContain("0 s", detail);
        gate.Open();
    }
}
