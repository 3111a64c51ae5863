using Akka.Collector.Actors.Budget;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Actors.Upstream;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store.Sqlite;
using Akka.Collector.Vendors;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Upstream;

/// <summary>
/// A vendor request that outlives its timeout fails as Timeout, and its reason states the
/// timeout as configured, however short: a 1 ms timeout must not read "within 0 s".
/// </summary>
public sealed class UpstreamBatcherTimeoutSpecs()
    : Akka.TestKit.Xunit2.TestKit(RepoHocon.AkkaConf(), nameof(UpstreamBatcherTimeoutSpecs))
{
    private static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly Instant Noon = Instant.FromUtc(2026, 12, 3, 17, 0);

    [Theory]
    [InlineData(1, "vendor did not answer within 1 ms")]
    [InlineData(250, "vendor did not answer within 250 ms")]
    [InlineData(1500, "vendor did not answer within 1.5 s")]
    [InlineData(20_000, "vendor did not answer within 20 s")]
    public async Task A_request_past_its_timeout_fails_naming_the_timeout_in_a_readable_unit(
        int timeoutMs, string reason)
    {
        // arrange: a vendor that answers only when its request is cancelled
        using var file = new TempSqliteFile();
        var clock = new FakeTimeProvider(Noon.ToDateTimeOffset());
        var vendor = new SilentVendor();
        var settings = new CollectionSettings
        {
            Universe = [Aapl],
            BackfillSessions = CollectionSettings.DefaultBackfill,
            RequestTimeout = TimeSpan.FromMilliseconds(timeoutMs),
        };
        var batcher = Sys.ActorOf(UpstreamBatcher.Props(
            BarInterval.D1, vendor, new SqliteCandleStore(file.ConnectionString), Grid, clock,
            clock, settings, new RequestBudget(CapacityPlan.Compute(1, 1, 0, 1, []), clock)));

        // act: the request reaches the vendor, then its timeout passes on the market clock
        var range = new TimeRange(Noon - Duration.FromDays(1), Noon);
        batcher.Tell(new UpstreamProtocol.FetchBars(Aapl, BarInterval.D1, range), TestActor);
        await vendor.Asked.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromMilliseconds(timeoutMs));

        // assert
        var failed = ExpectMsg<UpstreamProtocol.FetchFailed>(TimeSpan.FromSeconds(10));
        Assert.Equal(FailureKind.Timeout, failed.Kind);
        Assert.Equal(reason, failed.Reason);
    }

    // Never answers; honours cancellation, as a well-behaved HTTP client does.
    private sealed class SilentVendor : IBarSource
    {
        private readonly TaskCompletionSource _asked =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Asked => _asked.Task;

        public string Name => "silent";

        public BarSourceLimits Limits { get; } =
            new(1, new HashSet<BarInterval>(BarInterval.All));

        public async Task<BarBatch> FetchAsync(BarRequest request, CancellationToken cancel)
        {
            _asked.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancel);
            return BarBatch.Empty;
        }
    }
}
