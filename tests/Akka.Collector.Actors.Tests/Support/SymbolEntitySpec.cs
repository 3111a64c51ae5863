using Akka.Actor;
using Akka.Collector.Actors.Symbols;
using Akka.Collector.Actors.Upstream;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store.Sqlite;
using Akka.TestKit;

namespace Akka.Collector.Actors.Tests.Support;

/// <summary>
/// One ZZZZ entity on a store of its own, its 5m upstream batcher a probe: what the symbol
/// entity specs share.
/// </summary>
public abstract class SymbolEntitySpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    protected static readonly BarGrid Grid = new(CalendarFile.LoadEmbeddedNyse());
    protected static readonly Symbol Zzzz = Symbol.Parse("ZZZZ");

    private readonly TempSqliteFile _file = new();

    protected SymbolEntitySpec(string name)
        : base(RepoHocon.AkkaConf(), name)
    {
        Store = new SqliteCandleStore(_file.ConnectionString);
        Upstream = CreateTestProbe();
    }

    protected SqliteCandleStore Store { get; }

    /// <summary>Stands in for the 5m batcher: the entity's fetches arrive here.</summary>
    protected TestProbe Upstream { get; }

    public Task InitializeAsync() => Store.InitializeAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }

    protected IActorRef StartEntity(TimeProvider clock, CollectionSettings settings)
    {
        var upstream = new UpstreamDirectory();
        upstream.Register(BarInterval.M5, Upstream);
        return Sys.ActorOf(SymbolEntity.Props("ZZZZ", Store, Grid, clock, settings, upstream));
    }
}
