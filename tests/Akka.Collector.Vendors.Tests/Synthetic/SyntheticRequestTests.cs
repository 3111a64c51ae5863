using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Vendors.Synthetic;
using Akka.Collector.Vendors.Tests.Support;

namespace Akka.Collector.Vendors.Tests.Synthetic;

public sealed class SyntheticRequestTests
{
    [Fact]
    public async Task Each_symbol_of_a_request_gets_its_own_series()
    {
        // arrange
        var source = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());
        var from = Clocks.Et(2026, 12, 4, 0, 0);
        var to = Clocks.Et(2026, 12, 5, 0, 0);

        // act
        var together =
            await source.Batch(["AAPL", "MSFT", "AAPL", "GOOG"], BarInterval.M15, from, to);
        var alone = await source.Bars("MSFT", BarInterval.M15, from, to);

        // assert: duplicates collapse, series differ, and batching changes nothing
        Assert.Equal(3, together.Bars.Count);
        Assert.Equal(alone, together.For(Symbol.Parse("MSFT")));
        Assert.NotEqual(together.For(Symbol.Parse("AAPL"))[0].Open,
            together.For(Symbol.Parse("GOOG"))[0].Open);
        Assert.All(together.Bars.Values, bars => Assert.Equal(26, bars.Count));
    }

    [Fact]
    public async Task More_symbols_than_the_limit_are_rejected()
    {
        var source = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());
        var symbols = Enumerable.Range(0, 201).Select(i => $"S{i}");

        var error = await Assert.ThrowsAsync<BarSourceException>(() => source.Batch(symbols,
            BarInterval.M1, Clocks.Et(2026, 12, 4, 0, 0), Clocks.Et(2026, 12, 5, 0, 0)));

        Assert.Equal(FailureKind.RequestRejected, error.Kind);
        Assert.StartsWith("synthetic: 201 symbols", error.Message);
    }

    [Fact]
    public async Task A_cancelled_request_stops()
    {
        var source = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());
        var request = new BarRequest([Symbol.Parse("AAPL")], BarInterval.M1,
            new(Clocks.Et(2021, 1, 4, 0, 0), Clocks.Et(2026, 12, 5, 0, 0)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => source.FetchAsync(request, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void The_source_names_itself_and_serves_every_interval()
    {
        var source = new SyntheticBarSource(Clocks.At(2026, 12, 4, 17, 0), Calendars.Grid());

        Assert.Equal("synthetic", source.Name);
        Assert.Equal(200, source.Limits.MaxSymbolsPerRequest);
        Assert.True(source.Limits.Intervals.SetEquals(BarInterval.All));
    }
}
