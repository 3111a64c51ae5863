using Akka.Collector.Store.Sqlite;
using Akka.Collector.Store.Tests.Support;

namespace Akka.Collector.Store.Tests;

public sealed class SourceClaimTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_first_source_claims_the_store_and_later_claims_see_it()
    {
        // arrange
        using var db = new TempDatabase();
        var store = new SqliteCandleStore(db.ConnectionString);
        await store.InitializeAsync(None);

        // act
        var first = await store.ClaimSourceAsync("synthetic", None);
        var again = await store.ClaimSourceAsync("synthetic", None);
        var other = await new SqliteCandleStore(db.ConnectionString)
            .ClaimSourceAsync("replay", None);

        // assert
        Assert.Equal("synthetic", first);
        Assert.Equal("synthetic", again);
        Assert.Equal("synthetic", other);
    }
}
