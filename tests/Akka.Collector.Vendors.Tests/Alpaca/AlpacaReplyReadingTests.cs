using Akka.Collector.Domain.Intervals;
using Akka.Collector.Vendors.Tests.Support;
using static Akka.Collector.Vendors.Tests.Alpaca.Batches;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>
/// How a body is read, field by field, on hand-written replies: the time forms RFC 3339
/// allows (read from the bytes, or through NodaTime when escaped), the forms it does not,
/// fields skipped whole however they nest, and each structural fault named.
/// </summary>
public sealed class AlpacaReplyReadingTests
{
    private static readonly BarRequest Thursday1m = AlpacaHarness.Request(["AAPL"],
        BarInterval.M1, Clocks.Et(2026, 12, 3, 0, 0), Clocks.Et(2026, 12, 4, 0, 0));

    [Theory]
    [InlineData("2026-12-03T14:30:00Z")]
    [InlineData("2026-12-03T09:30:00-05:00")]
    [InlineData("2026-12-03T14:30:00+00:00")]
    [InlineData("2026-12-03T14:30:00.000000000Z")]
    [InlineData("2026-12-03T14:30:00.5Z")]
    [InlineData(@"2026-12-03T14:30:00\u005A")]
    public async Task Every_RFC_3339_form_of_the_open_reads_as_the_open(string t)
    {
        var canned = CannedAlpaca.Ok(Body($"{{\"AAPL\":[{Bar(t)}]}}"));

        var batch = await canned.Client().FetchAsync(Thursday1m, CancellationToken.None);

        // a half second past the minute is off the grid, and so repaired to nothing
        var expected = t.Contains(".5Z") ? [] : new[] { Clocks.Et(2026, 12, 3, 9, 30) };
        Assert.Equal(expected, batch.For(S("AAPL")).Select(b => b.Start));
    }

    [Theory]
    [InlineData("2026-12-03 14:30:00Z")]
    [InlineData("2026-12-03T14:30Z")]
    [InlineData("2026-12-03")]
    [InlineData("2026-12-03T14:30:00")]
    [InlineData("2026-12-03T14:30:00.Z")]
    [InlineData("2026-12-03T14:30:00.1234567891Z")]
    [InlineData("2026-12-03T14:30:00+0000")]
    [InlineData("2026-12-03T25:30:00Z")]
    [InlineData("2026-02-30T14:30:00Z")]
    [InlineData("1764772200")]
    public async Task A_time_that_is_not_RFC_3339_is_refused(string t)
    {
        var canned = CannedAlpaca.Ok(Body($"{{\"AAPL\":[{Bar(t)}]}}"));

        var error = await Assert.ThrowsAsync<BarSourceException>(
            () => canned.Client().FetchAsync(Thursday1m, CancellationToken.None));

        Assert.Equal(FailureKind.MalformedReply, error.Kind);
        Assert.Contains("bar 0 of 'AAPL': 't'", error.Message);
        Assert.Contains("is not an RFC-3339 time", error.Message);
    }

    [Fact]
    public async Task Fields_the_reader_does_not_know_are_skipped_however_they_nest()
    {
        // arrange: nested values in a bar, beside the bars, and a two-letter field
        var bar = Bar("2026-12-03T14:30:00Z").TrimEnd('}') +
                  ",\"x\":{\"t\":\"no\",\"o\":[1,{\"v\":\"no\"}]},\"oo\":\"no\"}";
        var canned = CannedAlpaca.Ok("{\"extra\":[{\"bars\":1}]," +
            $"\"bars\":{{\"AAPL\":[{bar}]}},\"next_page_token\":null}}");

        // act
        var batch = await canned.Client().FetchAsync(Thursday1m, CancellationToken.None);

        // assert
        var read = Assert.Single(batch.For(S("AAPL")));
        Assert.Equal((10.5m, 11m, 10m, 10.75m, 100L),
            (read.Open, read.High, read.Low, read.Close, read.Volume));
    }

    [Theory]
    [InlineData("", "not complete JSON")]
    [InlineData("{\"bars\":{}} {}", "not complete JSON")]
    [InlineData("{\"bars\":{\"AAPL\":[", "not complete JSON")]
    [InlineData("[]", "the reply is a JSON array, not an object")]
    [InlineData("{\"next_page_token\":null}", "the reply has no 'bars'")]
    [InlineData("{\"bars\":[]}", "'bars' is a JSON array, not an object")]
    [InlineData("{\"bars\":{\"AAPL\":{}}}", "bars of 'AAPL' are a JSON object, not an array")]
    [InlineData("{\"bars\":{\"AAPL\":[1]}}", "bar 0 of 'AAPL' is a JSON number, not an object")]
    [InlineData("{\"bars\":{\"AAPL\":[{\"t\":1}]}}", "'t' is a JSON number, not an RFC-3339")]
    [InlineData("{\"bars\":{},\"next_page_token\":7}", "'next_page_token' is a JSON number")]
    public async Task A_broken_body_is_refused_saying_what_is_wrong(string body, string why)
    {
        var canned = CannedAlpaca.Ok(body);

        var error = await Assert.ThrowsAsync<BarSourceException>(
            () => canned.Client().FetchAsync(Thursday1m, CancellationToken.None));

        Assert.Equal(FailureKind.MalformedReply, error.Kind);
        Assert.Contains(why, error.Message);
    }

    [Theory]
    [InlineData("t")]
    [InlineData("o")]
    [InlineData("v")]
    public async Task A_bar_without_a_field_it_needs_is_refused_naming_the_field(string field)
    {
        var bar = Bar("2026-12-03T14:30:00Z").Replace($"\"{field}\":", "\"unused\":");
        var canned = CannedAlpaca.Ok(Body($"{{\"AAPL\":[{Bar("2026-12-03T14:29:00Z")},{bar}]}}"));

        var error = await Assert.ThrowsAsync<BarSourceException>(
            () => canned.Client().FetchAsync(Thursday1m, CancellationToken.None));

        Assert.Contains($"bar 1 of 'AAPL' has no '{field}'", error.Message);
    }

    private static string Body(string bars) => $"{{\"bars\":{bars},\"next_page_token\":null}}";

    private static string Bar(string t) =>
        $"{{\"t\":\"{t}\",\"o\":10.5,\"h\":11,\"l\":10,\"c\":10.75,\"v\":100,\"n\":3,\"vw\":10.6}}";
}
