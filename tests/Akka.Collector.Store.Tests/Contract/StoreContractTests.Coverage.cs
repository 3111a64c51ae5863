using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store;
using static Akka.Collector.Store.Tests.Support.TestBars;

namespace Akka.Collector.Store.Tests.Contract;

/// <summary>Coverage of many symbols at once, as the gap filler reads it.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Coverage_of_many_symbols_equals_each_symbols_own_read()
    {
        // arrange: AAPL with a hole, MSFT in one span and at 5m, IBM never collected
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        var ibm = Symbol.Parse("IBM");
        await store.WriteAsync(
        [
            OneMinuteBars(Aapl, 0, 10),
            OneMinuteBars(Aapl, 20, 30),
            OneMinuteBars(Msft, 0, 5),
            Covering(Msft, BarInterval.M5, 0, 10),
        ], None);

        // act
        var coverage = await store.ReadCoverageAsync([Aapl, Msft, ibm], BarInterval.M1, None);

        // assert: the same ranges as one read per symbol; no entry for what has none
        Assert.Equal(await store.ReadCoverageAsync(Aapl, BarInterval.M1, None), coverage[Aapl]);
        Assert.Equal([Minutes(0, 10), Minutes(20, 30)], coverage[Aapl]);
        Assert.Equal([Minutes(0, 5)], coverage[Msft]);
        Assert.False(coverage.ContainsKey(ibm));
        Assert.Equal(2, coverage.Count);
    }

    [Fact]
    public async Task Coverage_of_a_universe_larger_than_one_query_holds_every_symbol()
    {
        // arrange: more symbols than one query names, each covered over its own span
        await using var db = await NewDatabaseAsync();
        var store = await db.OpenStoreAsync();
        var symbols = Enumerable.Range(0, 1_201)
            .Select(i => Symbol.Parse($"S{i:D4}"))
            .ToList();
        await store.WriteAsync(
            [.. symbols.Select((s, i) => Covering(s, BarInterval.M1, i % 7, i % 7 + 1))], None);

        // act
        var coverage = await store.ReadCoverageAsync(symbols, BarInterval.M1, None);

        // assert
        Assert.Equal(symbols.Count, coverage.Count);
        for (var i = 0; i < symbols.Count; i++)
            Assert.Equal([Minutes(i % 7, i % 7 + 1)], coverage[symbols[i]]);
    }
}
