using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static Akka.Collector.Vendors.Tests.Alpaca.Batches;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>
/// Each injected fault ends as a typed failure or a retried success, and once it is over a
/// fetch brings the complete, duplicate-free bars. Retry-After is 0 s unless a test says
/// otherwise, so the retries run at once; backoffs are milliseconds (see the harness).
/// </summary>
public sealed class AlpacaFaultTests
{
    private static readonly BarRequest Request = AlpacaHarness.Request(
        ["AAPL", "MSFT", "NVDA"], BarInterval.M5,
        Clocks.Et(2026, 12, 3, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));

    [Fact]
    public async Task A_short_429_storm_is_ridden_out_by_retries()
    {
        // arrange
        await using var h = await StartAsync();
        h.Faults.TooManyRequests(2);

        // act
        var batch = await h.Client().FetchAsync(Request, CancellationToken.None);

        // assert
        Assert.Equal([429, 429, 200], h.Requests.All.Select(r => r.Status));
        await AssertCompleteAsync(h, batch);
    }

    [Fact]
    public async Task A_429_storm_longer_than_the_retries_is_RateLimited_then_recovers()
    {
        // arrange
        await using var h = await StartAsync();
        h.Faults.TooManyRequests(4);
        var client = h.Client();

        // act
        var error = await Assert.ThrowsAsync<BarSourceException>(
            () => client.FetchAsync(Request, CancellationToken.None));
        var batch = await client.FetchAsync(Request, CancellationToken.None);

        // assert: 1 + 3 retries, all refused; then the storm is over
        Assert.Equal(FailureKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
        Assert.Equal([429, 429, 429, 429, 200], h.Requests.All.Select(r => r.Status));
        await AssertCompleteAsync(h, batch);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_a_backoff_goes_back_to_the_caller_at_once()
    {
        await using var h = await StartAsync();
        h.Faults.RetryAfterSeconds = 30;
        h.Faults.TooManyRequests(1);
        var client = h.Client();

        var error = await Assert.ThrowsAsync<BarSourceException>(
            () => client.FetchAsync(Request, CancellationToken.None));
        var batch = await client.FetchAsync(Request, CancellationToken.None);

        Assert.Equal(FailureKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Contains(h.Capture.Sent[0].RequestId!, error.Message);
        Assert.Equal([429, 200], h.Requests.All.Select(r => r.Status));
        await AssertCompleteAsync(h, batch);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(4, true)]
    public async Task A_503_is_retried_and_an_outage_is_VendorDown_then_recovers(
        int errors, bool fails)
    {
        await using var h = await StartAsync();
        h.Faults.ServerErrors(errors);
        var client = h.Client();

        var error = fails
            ? await Assert.ThrowsAsync<BarSourceException>(
                () => client.FetchAsync(Request, CancellationToken.None))
            : null;
        var batch = await client.FetchAsync(Request, CancellationToken.None);

        Assert.Equal(fails ? FailureKind.VendorDown : null, error?.Kind);
        Assert.Equal(errors, h.Requests.All.Count(r => r.Status == 503));
        Assert.Equal(200, h.Requests.All[^1].Status);
        await AssertCompleteAsync(h, batch);
    }

    [Fact]
    public async Task A_403_is_NotEntitled_without_a_retry_then_recovers()
    {
        await using var h = await StartAsync();
        h.Faults.Forbidden(1);
        var client = h.Client();

        var error = await Assert.ThrowsAsync<BarSourceException>(
            () => client.FetchAsync(Request, CancellationToken.None));
        var batch = await client.FetchAsync(Request, CancellationToken.None);

        Assert.Equal(FailureKind.NotEntitled, error.Kind);
        Assert.Equal([403, 200], h.Requests.All.Select(r => r.Status));
        await AssertCompleteAsync(h, batch);
    }

    [Fact]
    public async Task Wrong_keys_are_CredentialsRejected_without_a_retry()
    {
        await using var h = await StartAsync();
        var client = h.Client(o => o.SecretKey = "not-the-secret-3b9c");

        var error = await Assert.ThrowsAsync<BarSourceException>(
            () => client.FetchAsync(Request, CancellationToken.None));

        Assert.Equal(FailureKind.CredentialsRejected, error.Kind);
        Assert.Equal([401], h.Requests.All.Select(r => r.Status));
        Assert.DoesNotContain("not-the-secret-3b9c", error.ToString());
        Assert.DoesNotContain(AlpacaHarness.KeyId, error.ToString());
    }

    [Fact]
    public async Task A_hang_is_cut_by_the_attempt_timeout_and_retried()
    {
        await using var h = await StartAsync();
        h.Faults.Hangs(1);

        var batch = await h.Client(resilience: ShortAttempts).FetchAsync(
            Request, CancellationToken.None);

        await AssertCompleteAsync(h, batch);
        Assert.Equal([200], h.Capture.Sent.Select(s => s.Status)); // the hung one got no reply
    }

    [Fact]
    public async Task Hangs_on_every_attempt_are_a_Timeout_then_recover()
    {
        await using var h = await StartAsync();
        h.Faults.Hangs(4);
        var client = h.Client(resilience: ShortAttempts);

        var error = await Assert.ThrowsAsync<BarSourceException>(
            () => client.FetchAsync(Request, CancellationToken.None));
        var batch = await client.FetchAsync(Request, CancellationToken.None);

        Assert.Equal(FailureKind.Timeout, error.Kind);
        await AssertCompleteAsync(h, batch);
    }

    [Fact]
    public async Task An_open_circuit_fails_fast_as_VendorDown_and_closes_after_its_break()
    {
        // arrange: the pipeline on a fake clock, so the break ends when the test says so;
        // two refused attempts (429 with Retry-After 0, retried at once) open the circuit
        await using var h = await StartAsync();
        var polly = new FakeTimeProvider();
        var client = h.Client(clock: polly, resilience: AlpacaHarness.Fast with
        {
            MaxRetries = 1,
            BreakMinimumThroughput = 2,
            BreakDuration = TimeSpan.FromSeconds(15),
        });
        h.Faults.TooManyRequests(2);
        var refused = await Assert.ThrowsAsync<BarSourceException>(
            () => client.FetchAsync(Request, CancellationToken.None));

        // act
        var open = await Assert.ThrowsAsync<BarSourceException>(
            () => client.FetchAsync(Request, CancellationToken.None));
        polly.Advance(TimeSpan.FromSeconds(16));
        var batch = await client.FetchAsync(Request, CancellationToken.None);

        // assert: the fast failure never reached the vendor
        Assert.Equal(FailureKind.RateLimited, refused.Kind);
        Assert.Equal(FailureKind.VendorDown, open.Kind);
        Assert.Contains("circuit", open.Message);
        Assert.Equal([429, 429, 200], h.Requests.All.Select(r => r.Status));
        await AssertCompleteAsync(h, batch);
    }

    private static Akka.Collector.Vendors.Http.VendorResilienceOptions ShortAttempts =>
        AlpacaHarness.Fast with { AttemptTimeout = TimeSpan.FromMilliseconds(500) };

    private static async Task<AlpacaHarness> StartAsync()
    {
        var h = await AlpacaHarness.StartAsync();
        h.Faults.RetryAfterSeconds = 0;
        return h;
    }

    private static async Task AssertCompleteAsync(AlpacaHarness h, BarBatch batch)
    {
        AssertSame(await h.TruthAsync(Request), batch);
        AssertDuplicateFree(batch);
        Assert.Equal(3 * 2 * 78, BarCount(batch));
    }
}
