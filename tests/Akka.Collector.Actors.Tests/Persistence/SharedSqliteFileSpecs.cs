using Akka.Actor;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Tests.Support;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Candles;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Collector.Store;
using Akka.Collector.Store.Sqlite;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence;
using LinqToDB;
using NodaTime;

namespace Akka.Collector.Actors.Tests.Persistence;

/// <summary>
/// On an embedded node the Akka.Persistence.Sql journal and the candle store share one
/// SQLite file. Under heavy concurrent writes from both, every writer waits its turn for the
/// file's one write lock and succeeds: nothing fails, and nothing logs "database is locked".
/// The journaled events are protocol messages, so the collector serializer is on that path too.
/// </summary>
public sealed class SharedSqliteFileSpecs : Akka.TestKit.Xunit2.TestKit
{
    private const int Recorders = 4;
    private const int EventsPerRecorder = 300;
    private const int CandleWriters = 4;
    private const int BatchesPerWriter = 100;
    private const int BarsPerWrite = 10;

    // Generous: on two busy cores a writer may queue for the lock many times over.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly Instant FirstBar = Instant.FromUtc(2024, 3, 8, 14, 30);
    private static readonly Instant LastBarEnd =
        FirstBar + Duration.FromMinutes(BatchesPerWriter * BarsPerWrite);

    private readonly TempSqliteFile _file;

    public SharedSqliteFileSpecs()
        : this(new TempSqliteFile())
    {
    }

    private SharedSqliteFileSpecs(TempSqliteFile file)
        : base(JournalOn(file).WithFallback(RepoHocon.AkkaConf()), nameof(SharedSqliteFileSpecs))
    {
        _file = file;
    }

    [Fact]
    public async Task Journal_and_candle_store_writing_one_file_at_once_never_find_it_locked()
    {
        // arrange: the candle store creates the file and turns on WAL, as a node's start does
        var store = new SqliteCandleStore(_file.ConnectionString);
        await store.InitializeAsync(CancellationToken.None);
        Assert.Equal("wal", await _file.JournalModeAsync());

        var logs = Sys.ActorOf(Props.Create(() => new LogCollector()), "logs");
        Sys.EventStream.Subscribe(logs, typeof(LogEvent));
        var reports = CreateTestProbe();
        var recorders = Enumerable.Range(1, Recorders)
            .Select(n => Sys.ActorOf(Recorder.Props(n, reports), $"recorder-{n}"))
            .ToList();

        // act: journal writes and candle batches race for the file's write lock
        var candleWriters = Enumerable.Range(1, CandleWriters)
            .Select(writer => Task.Run(() => WriteCandlesAsync(store, writer)))
            .ToList();
        for (var round = 1; round <= EventsPerRecorder; round++)
        {
            foreach (var recorder in recorders)
                recorder.Tell(new Record(round));
        }

        var finished = new List<Finished>();
        for (var i = 0; i < Recorders; i++)
            finished.Add(AssertReport<Finished>(await reports.ExpectMsgAsync<object>(Patience)));
        await Task.WhenAll(candleWriters).WaitAsync(Patience);

        // assert: every event was persisted, and a fresh incarnation replays exactly its own
        Assert.All(finished, f => Assert.Equal(EventsPerRecorder, f.LastSequenceNr));
        foreach (var (recorder, n) in recorders.Select((r, i) => (r, i + 1)))
        {
            Watch(recorder);
            recorder.Tell(PoisonPill.Instance);
            await ExpectTerminatedAsync(recorder, Patience);

            Sys.ActorOf(Replayer.Props(n, reports), $"replayer-{n}");
            var replayed = AssertReport<Replayed>(await reports.ExpectMsgAsync<object>(Patience));

            var rounds = replayed.Events.Select(e => (int)e.RoundId);
            Assert.Equal(Enumerable.Range(1, EventsPerRecorder), rounds);
            Assert.All(replayed.Events, e => Assert.Equal(Recorder.SymbolOf(n), e.Symbol));
        }

        // assert: every bar and every covered range is stored
        for (var writer = 1; writer <= CandleWriters; writer++)
        {
            foreach (var symbol in SymbolsOf(writer))
            {
                var bars = await store.ReadAsync(
                    symbol, BarInterval.M1, FirstBar, LastBarEnd, 10_000, CancellationToken.None);
                var coverage = await store.ReadCoverageAsync(
                    symbol, BarInterval.M1, CancellationToken.None);

                Assert.Equal(BatchesPerWriter * BarsPerWrite, bars.Count);
                Assert.Equal([new TimeRange(FirstBar, LastBarEnd)], coverage);
            }
        }

        // assert: no error was logged, and nothing at any level mentions a locked database
        var logged = await logs.Ask<IReadOnlyList<LogEvent>>(LogCollector.Get.Instance, Patience);
        Assert.DoesNotContain(logged, e => e.LogLevel() == LogLevel.ErrorLevel);
        Assert.DoesNotContain(logged,
            e => $"{e} {e.Cause}".Contains("locked", StringComparison.OrdinalIgnoreCase));
    }

    protected override void Dispose(bool disposing)
    {
        // The actor system first, so the journal lets go of the file before it is deleted.
        base.Dispose(disposing);
        if (disposing)
            _file.Dispose();
    }

    // The journal and snapshot store on the given file, with the node's provider.
    private static Config JournalOn(TempSqliteFile file) => ConfigurationFactory.ParseString($$"""
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.sql"
            sql {
              class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
              connection-string = "{{file.ConnectionString}}"
              provider-name = "{{ProviderName.SQLiteMS}}"
            }
          }
          snapshot-store {
            plugin = "akka.persistence.snapshot-store.sql"
            sql {
              class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
              connection-string = "{{file.ConnectionString}}"
              provider-name = "{{ProviderName.SQLiteMS}}"
            }
          }
        }
        """);

    private static Symbol[] SymbolsOf(int writer) =>
        [Symbol.Parse($"W{writer}A"), Symbol.Parse($"W{writer}B"), Symbol.Parse($"W{writer}C")];

    // One batch per transaction: three symbols, ten minute bars each, and their covered range.
    private static async Task WriteCandlesAsync(ICandleStore store, int writer)
    {
        for (var batch = 0; batch < BatchesPerWriter; batch++)
        {
            var from = FirstBar + Duration.FromMinutes(batch * BarsPerWrite);
            var covered = new TimeRange(from, from + Duration.FromMinutes(BarsPerWrite));
            var bars = Enumerable.Range(0, BarsPerWrite)
                .Select(i => new Candle(
                    from + Duration.FromMinutes(i), 10m, 11m, 9m, 10.5m, Volume: 100 + i))
                .ToList();
            var writes = SymbolsOf(writer)
                .Select(symbol => new CandleWrite(symbol, BarInterval.M1, covered, bars))
                .ToList();

            await store.WriteAsync(writes, CancellationToken.None);
        }
    }

    // A failure report names the actor and the cause; anything but the expected report fails.
    private static T AssertReport<T>(object report)
    {
        Assert.False(report is Failed, $"persistence failed: {report}");
        return Assert.IsType<T>(report);
    }

    private sealed record Record(int Round);

    private sealed record Finished(string PersistenceId, long LastSequenceNr);

    private sealed record Replayed(
        string PersistenceId, IReadOnlyList<SymbolProtocol.Collect> Events);

    private sealed record Failed(string PersistenceId, string What, string Cause);

    /// <summary>Persists one event per command and reports after the last one.</summary>
    private sealed class Recorder : ReceivePersistentActor
    {
        private readonly IActorRef _reports;

        public Recorder(int n, IActorRef reports)
        {
            _reports = reports;
            PersistenceId = PersistenceIdOf(n);
            var symbol = SymbolOf(n);

            Command<Record>(record => Persist(
                new SymbolProtocol.Collect(symbol, BarInterval.M1, FirstBar, record.Round),
                persisted =>
                {
                    if (persisted.RoundId == EventsPerRecorder)
                        _reports.Tell(new Finished(PersistenceId, LastSequenceNr));
                }));
        }

        public override string PersistenceId { get; }

        public static Props Props(int n, IActorRef reports) =>
            Akka.Actor.Props.Create(() => new Recorder(n, reports));

        public static string PersistenceIdOf(int n) => $"recorder-{n}";

        public static Symbol SymbolOf(int n) => Symbol.Parse($"P{n}");

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            _reports.Tell(new Failed(PersistenceId, $"persist #{sequenceNr}", cause.ToString()));
            base.OnPersistFailure(cause, @event, sequenceNr);
        }

        protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
        {
            _reports.Tell(new Failed(PersistenceId, $"rejected #{sequenceNr}", cause.ToString()));
            base.OnPersistRejected(cause, @event, sequenceNr);
        }
    }

    /// <summary>Recovers a recorder's events and reports them when recovery completes.</summary>
    private sealed class Replayer : ReceivePersistentActor
    {
        private readonly IActorRef _reports;
        private readonly List<SymbolProtocol.Collect> _events = [];

        public Replayer(int n, IActorRef reports)
        {
            _reports = reports;
            PersistenceId = Recorder.PersistenceIdOf(n);

            Recover<SymbolProtocol.Collect>(_events.Add);
            Recover<RecoveryCompleted>(_ => _reports.Tell(new Replayed(PersistenceId, _events)));
        }

        public override string PersistenceId { get; }

        public static Props Props(int n, IActorRef reports) =>
            Akka.Actor.Props.Create(() => new Replayer(n, reports));

        protected override void OnRecoveryFailure(Exception reason, object? message = null)
        {
            _reports.Tell(new Failed(PersistenceId, "recovery", reason.ToString()));
            base.OnRecoveryFailure(reason, message);
        }
    }

    /// <summary>Keeps every log event; asked, it answers with all that arrived before.</summary>
    private sealed class LogCollector : ReceiveActor
    {
        private readonly List<LogEvent> _events = [];

        public LogCollector()
        {
            Receive<LogEvent>(_events.Add);
            Receive<Get>(_ => Sender.Tell(_events.ToList()));
        }

        public sealed class Get
        {
            public static readonly Get Instance = new();
        }
    }
}
