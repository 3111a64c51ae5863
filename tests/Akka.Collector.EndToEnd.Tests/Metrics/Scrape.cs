using Akka.Collector.EndToEnd.Tests.Harness;

namespace Akka.Collector.EndToEnd.Tests.Metrics;

/// <summary>GET /metrics of a node, checked and parsed.</summary>
public static class Scrape
{
    public static async Task<PrometheusText> MetricsAsync(this TestNode node)
    {
        using var response = await node.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(text);
    }

    public static (string, string) Interval(string name) => ("interval", name);
}
