using Akka.Collector.Domain.Intervals;
using Akka.Collector.MockVendor.Faults;
using Akka.Collector.Vendors.Alpaca;
using Akka.Collector.Vendors.Tests.Support;
using static Akka.Collector.Vendors.Tests.Alpaca.Batches;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>
/// Every broken reply the mock can send: rejected as MalformedReply naming the vendor's
/// request id, or repaired by the documented rule and counted; then, the fault over, the
/// next fetch is complete, duplicate-free and clean.
/// </summary>
public sealed class AlpacaMalformedTests
{
    public static TheoryData<MalformedKind, string> Rejected => new()
    {
        { MalformedKind.TruncatedJson, "not complete JSON" },
        { MalformedKind.WrongTypes, "'o' is a JSON string, not a number" },
        { MalformedKind.PageLoop, "page loop" },
    };

    public static TheoryData<MalformedKind, string, string> Repaired => new()
    {
        { MalformedKind.BarsOutsideRange, "5m", "OutsideRange=2" },
        { MalformedKind.BarsOutsideRange, "1d", "OutsideRange=2" },
        { MalformedKind.DuplicateBars, "5m", "IdenticalDuplicates=1 ConflictingDuplicates=1" },
        { MalformedKind.DuplicateBars, "1d", "IdenticalDuplicates=1 ConflictingDuplicates=1" },
        { MalformedKind.HighBelowLow, "5m", "Inconsistent=1" },
        { MalformedKind.HighBelowLow, "1d", "Inconsistent=1" },
        { MalformedKind.OffGridStart, "1m", "OffGrid=1" },
        { MalformedKind.OffGridStart, "1d", "OffGrid=1" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task A_broken_body_is_rejected_with_the_request_id_then_data_is_complete(
        MalformedKind kind, string why)
    {
        // arrange
        await using var h = await AlpacaHarness.StartAsync();
        var client = h.Client();
        var request = Request("5m");
        h.Faults.MalformedReplies(1, kind);

        // act
        var error = await Assert.ThrowsAsync<BarSourceException>(
            () => client.FetchAsync(request, CancellationToken.None));
        var broken = h.Capture.Sent[^1].RequestId!;
        var after = await client.FetchReportedAsync(request, CancellationToken.None);

        // assert
        Assert.Equal(FailureKind.MalformedReply, error.Kind);
        Assert.Contains(why, error.Message);
        Assert.Contains(broken, error.Message);
        await AssertCleanAsync(h, request, after);
    }

    [Theory]
    [MemberData(nameof(Repaired))]
    public async Task A_suspicious_bar_is_repaired_by_its_rule_and_counted(
        MalformedKind kind, string interval, string counts)
    {
        // arrange
        await using var h = await AlpacaHarness.StartAsync();
        var told = new List<ReplyIssues>();
        var client = h.Client(onIssues: told.Add);
        var request = Request(interval);
        var truth = await h.TruthAsync(request);
        h.Faults.MalformedReplies(1, kind);

        // act
        var repaired = await client.FetchReportedAsync(request, CancellationToken.None);
        var after = await client.FetchReportedAsync(request, CancellationToken.None);

        // assert: only a bar that cannot be trusted is missing; the rest is the truth
        Assert.Equal(counts, Counts(repaired.Issues));
        Assert.Equal([h.Capture.Sent[0].RequestId!], repaired.Issues.RequestIds);
        Assert.Equal(repaired.Issues, Assert.Single(told));
        AssertDuplicateFree(repaired.Batch);
        var missing = kind == MalformedKind.HighBelowLow ? 1 : 0;
        Assert.Equal(BarCount(truth) - missing, BarCount(repaired.Batch));
        Assert.All(repaired.Batch.Bars, kv => Assert.Subset(
            truth.For(kv.Key).ToHashSet(), kv.Value.ToHashSet()));
        await AssertCleanAsync(h, request, after);
    }

    private static BarRequest Request(string interval) => AlpacaHarness.Request(
        ["AAPL", "MSFT"], BarInterval.Parse(interval),
        Clocks.Et(2026, 12, 1, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));

    private static async Task AssertCleanAsync(
        AlpacaHarness h, BarRequest request, AlpacaFetch after)
    {
        AssertSame(await h.TruthAsync(request), after.Batch);
        AssertDuplicateFree(after.Batch);
        Assert.True(after.Issues.IsClean, after.Issues.ToString());
    }

    private static string Counts(ReplyIssues i) => string.Join(' ', new[]
    {
        ("UnrequestedSymbols", i.UnrequestedSymbols), ("OutsideRange", i.OutsideRange),
        ("OffGrid", i.OffGrid), ("Inconsistent", i.Inconsistent),
        ("IdenticalDuplicates", i.IdenticalDuplicates),
        ("ConflictingDuplicates", i.ConflictingDuplicates), ("OutOfSession", i.OutOfSession),
    }.Where(c => c.Item2 != 0).Select(c => $"{c.Item1}={c.Item2}"));
}
