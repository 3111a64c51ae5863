using Akka.Actor;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Actors.Telemetry;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Symbols;
using Akka.Event;
using NodaTime;
using NodaTime.Extensions;

namespace Akka.Collector.Actors.Intervals;

/// <summary>
/// One per interval in the whole cluster (a cluster singleton). A market-clock timer fires at
/// each bar close plus the settle delay; each tick starts a round that asks every symbol of
/// the universe to collect up to the bar that just closed. Rounds of this interval are
/// serialized by this mailbox; a tick during a round is counted and folded into one follow-up
/// round, never dropped. Nothing here waits on another interval.
/// <para>
/// Sharding delivers a Collect at most once: one that meets its shard being handed off, or
/// its entity stopped before it answered, is dropped without a word. So a symbol that has
/// not answered within <see cref="CollectionSettings.CollectRetryAfter"/> of real time is
/// asked again, then after twice that, and so on until it answers or the round times out.
/// Asking twice is harmless: an entity answers a round once it holds the bars and joins a
/// repeated ask to the fetch already running; a second answer here is ignored.
/// </para>
/// </summary>
public sealed class IntervalCollector : ReceiveActor
{
    // The failure kind of symbols that had not answered when their round timed out.
    private const string Unanswered = "RoundTimedOut";

    // Real time: the queue answers from memory, so a slow answer means it is elsewhere or gone.
    private static readonly TimeSpan UniverseAskTimeout = TimeSpan.FromSeconds(3);

    // A log line names this many of the symbols asked again; the count says the rest.
    private const int SymbolsNamed = 5;

    private readonly BarInterval _interval;
    private readonly IActorRef _symbols;
    private readonly BarGrid _grid;
    private readonly TimeProvider _clock;
    // Real time, for asking again: a hand-off takes real seconds whatever the market clock does.
    private readonly TimeProvider _wallClock;
    private readonly CollectionSettings _settings;
    // The collection queue keeps the runtime universe; null in specs that fix it.
    private readonly IActorRef? _universeSource;
    private readonly CollectorMetrics? _metrics;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Timer callbacks run off the actor's thread, where Self cannot be read: keep it here.
    private IActorRef _self = ActorRefs.Nobody;
    private ITimer? _tickTimer;
    private ITimer? _roundTimer;
    private ITimer? _retryTimer;
    private Instant? _nextTickAt;
    private string? _problem;

    // The vendor budget cannot pay for scheduled rounds: ticks are skipped, charts still
    // collect on demand. Set at start from the node's plan, then by SetDegraded messages.
    private bool _degraded;

    private Round? _round;
    private IReadOnlyList<Symbol> _universe;
    private long _universeVersion;
    private bool _askingUniverse;
    private bool _universeWarned;
    private bool _tickPending;
    private long _roundsStarted;
    private long _ticksCoalesced;
    private long _ticksSkipped;
    private IntervalProtocol.RoundReport? _lastRound;

    // The newest bar end a round reached with every symbol collected. Only such a round moves
    // it, so a run of failing rounds shows as growing lag instead of hiding behind their UpTo.
    private Instant? _completeUpTo;

    public IntervalCollector(
        BarInterval interval,
        IActorRef symbols,
        BarGrid grid,
        TimeProvider clock,
        CollectionSettings settings,
        bool degraded = false,
        IActorRef? universe = null,
        CollectorMetrics? metrics = null,
        TimeProvider? wallClock = null)
    {
        _interval = interval;
        _universeSource = universe;
        _universe = settings.Universe;
        _degraded = degraded;
        _metrics = metrics;
        _symbols = symbols;
        _grid = grid;
        _clock = clock;
        _wallClock = wallClock ?? TimeProvider.System;
        _settings = settings;

        Receive<Tick>(_ => OnTick());
        Receive<SymbolProtocol.Collected>(done => OnAnswer(done.RoundId, done.Symbol));
        Receive<SymbolProtocol.CollectFailed>(OnFailed);
        Receive<RoundTimedOut>(timedOut => OnRoundTimedOut(timedOut.RoundId));
        Receive<RetryDue>(due => OnRetryDue(due.RoundId));
        Receive<IntervalProtocol.GetStatus>(_ => Sender.Tell(CurrentStatus()));
        Receive<QueueProtocol.Universe>(OnUniverse);
        Receive<UniverseUnavailable>(OnUniverseUnavailable);
        Receive<IntervalProtocol.SetDegraded>(OnSetDegraded);
    }

    /// <param name="clock">The market clock: ticks and round timeouts.</param>
    /// <param name="wallClock">Real time, for asking unanswered symbols again; the system
    /// clock if null.</param>
    public static Props Props(
        BarInterval interval, IActorRef symbols, BarGrid grid, TimeProvider clock,
        CollectionSettings settings, bool degraded = false, IActorRef? universe = null,
        CollectorMetrics? metrics = null, TimeProvider? wallClock = null) =>
        Akka.Actor.Props.Create(() => new IntervalCollector(
            interval, symbols, grid, clock, settings, degraded, universe, metrics, wallClock));

    private Instant Now => _clock.GetUtcNow().ToInstant();

    protected override void PreStart()
    {
        _self = Self;

        if (_degraded)
        {
            _log.Warning(
                "{0}: degraded: the vendor budget cannot pay for its rounds, so none are " +
                "scheduled; charts still collect it on demand. Raise the budget or shrink the " +
                "universe to restore it", _interval);
        }

        // A first round at once: it backfills new symbols and closes any gap left while the
        // collector was down. Later rounds follow the bar closes.
        Self.Tell(Tick.Instance);
    }

    protected override void PostStop()
    {
        _tickTimer?.Dispose();
        _roundTimer?.Dispose();
        _retryTimer?.Dispose();
    }

    private void OnSetDegraded(IntervalProtocol.SetDegraded set)
    {
        if (set.Degraded == _degraded)
            return;

        _degraded = set.Degraded;
        if (_degraded)
        {
            _log.Warning(
                "{0}: degraded from now on: the vendor budget cannot pay for its rounds ({1}); " +
                "scheduled rounds stop, charts still collect it on demand", _interval, set.Why);
            return;
        }

        // Restored: a round at once closes what the skipped ticks left, from each watermark.
        _log.Info("{0}: restored: the vendor budget pays for its rounds again ({1}); " +
                  "a round starts now", _interval, set.Why);
        if (_round is null)
            StartRound();
        else
            _tickPending = true;
    }

    private void OnTick()
    {
        ScheduleNextTick();

        if (_degraded)
        {
            _ticksSkipped++;
            return;
        }

        if (_round is not null || _askingUniverse)
        {
            _ticksCoalesced++;
            _metrics?.TicksCoalesced(_interval);
            _tickPending = true;
            _log.Info(
                "{0}: tick while round {1} runs; coalesced into a follow-up round ({2} so far)",
                _interval, _round?.Id ?? _roundsStarted + 1, _ticksCoalesced);
            return;
        }

        BeginRound();
    }

    // Each round asks the queue for the universe first (only what changed since the version
    // held), so a symbol added or removed takes effect at the next bar close everywhere.
    private void BeginRound()
    {
        if (_universeSource is null)
        {
            StartRound();
            return;
        }

        _askingUniverse = true;
        _universeSource
            .Ask<QueueProtocol.Universe>(
                new QueueProtocol.GetUniverse(_universeVersion), UniverseAskTimeout)
            .PipeTo(Self, failure: e => new UniverseUnavailable(e.Message));
    }

    private void OnUniverse(QueueProtocol.Universe universe)
    {
        if (universe.Symbols is { } symbols)
        {
            if (_universeVersion != 0 && symbols.Count != _universe.Count)
            {
                _log.Info("{0}: the universe changed: {1} symbols (was {2})",
                    _interval, symbols.Count, _universe.Count);
            }

            _universe = symbols;
        }

        _universeVersion = universe.Version;
        _universeWarned = false;
        if (_askingUniverse)
        {
            _askingUniverse = false;
            StartRound();
        }
    }

    // The queue is moving or its node is gone: the round runs on the universe last known.
    private void OnUniverseUnavailable(UniverseUnavailable unavailable)
    {
        if (!_universeWarned)
        {
            _log.Warning("{0}: the collection queue did not answer ({1}); rounds use the " +
                "universe last known ({2} symbols) until it does", _interval,
                unavailable.Reason, _universe.Count);
            _universeWarned = true;
        }

        if (_askingUniverse)
        {
            _askingUniverse = false;
            StartRound();
        }
    }

    private void StartRound()
    {
        Instant upTo;
        try
        {
            upTo = _grid.LatestClosed(Now - _settings.SettleDelay, _interval).End;
        }
        catch (CalendarOutOfRangeException e)
        {
            _problem = e.Message;
            _log.Error("{0}: cannot start a round: {1}", _interval, e.Message);
            return;
        }

        var round = new Round(
            ++_roundsStarted, upTo, Now, _wallClock.GetTimestamp(), [.. _universe]);
        _round = round;

        // The timeout and the first ask again are armed before the first symbol is asked, so
        // whoever sees a Collect (a symbol, a test moving a clock) knows both are running.
        var timeout = _settings.RoundTimeoutFor(_interval).ToTimeSpan();
        _roundTimer?.Dispose();
        _roundTimer = _clock.CreateTimer(
            SendToSelf, new RoundTimedOut(round.Id), timeout, Timeout.InfiniteTimeSpan);
        ArmRetry(round, _settings.CollectRetryAfter);

        foreach (var symbol in _universe)
            _symbols.Tell(new SymbolProtocol.Collect(symbol, _interval, upTo, round.Id));

        if (round.Outstanding.Count == 0)
            FinishRound(timedOut: false);
    }

    private void ArmRetry(Round round, TimeSpan after)
    {
        round.RetryAfter = after;
        _retryTimer?.Dispose();
        _retryTimer = _wallClock.CreateTimer(
            SendToSelf, new RetryDue(round.Id), after, Timeout.InfiniteTimeSpan);
    }

    // The symbols still unanswered are asked again with the same round id, so whichever
    // answer comes first counts and the rest are ignored as late.
    private void OnRetryDue(long roundId)
    {
        if (_round is not { } round || round.Id != roundId || round.Outstanding.Count == 0)
            return;

        round.Retries++;
        var waited = _wallClock.GetElapsedTime(round.StartedAtTimestamp);
        var which = $"{_interval}: round {round.Id} up to {round.UpTo}";
        _log.Info(
            "{0}: {1} of {2} symbols unanswered after {3:0.#} s of real time; asking them " +
            "again (ask {4}: sharding drops a request that meets its shard being handed off, " +
            "or the fetch is still running): {5}",
            which, round.Outstanding.Count, round.Symbols, waited.TotalSeconds,
            round.Retries + 1, Describe(round.Outstanding));

        // Armed before asking, as in StartRound: whoever sees the ask knows the next is due.
        ArmRetry(round, round.RetryAfter * 2);
        foreach (var symbol in round.Outstanding)
            _symbols.Tell(new SymbolProtocol.Collect(symbol, _interval, round.UpTo, round.Id));
        _metrics?.CollectsAskedAgain(_interval, round.Outstanding.Count);
    }

    private static string Describe(IReadOnlyCollection<Symbol> symbols)
    {
        var named = string.Join(", ", symbols.Select(s => s.Value).Order(StringComparer.Ordinal)
            .Take(SymbolsNamed));
        return symbols.Count <= SymbolsNamed
            ? named
            : $"{named} and {symbols.Count - SymbolsNamed} more";
    }

    private void OnFailed(SymbolProtocol.CollectFailed failed)
    {
        if (_round?.Id == failed.RoundId && _round.Outstanding.Contains(failed.Symbol))
        {
            _log.Warning("{0}: {1} failed in round {2} ({3}: {4}); the next round retries it",
                _interval, failed.Symbol, failed.RoundId, failed.Kind, failed.Reason);
        }

        OnAnswer(failed.RoundId, failed.Symbol, failed);
    }

    private void OnAnswer(
        long roundId, Symbol symbol, SymbolProtocol.CollectFailed? failure = null)
    {
        // Answers from an earlier round that timed out are late, not wrong: ignore them.
        if (_round is null || _round.Id != roundId || !_round.Outstanding.Remove(symbol))
            return;

        if (failure is null)
            _round.Done++;
        else
            _round.CountFailure(failure.Kind.ToString(), failure.Reason);

        if (_round.Outstanding.Count == 0)
            FinishRound(timedOut: false);
    }

    private void OnRoundTimedOut(long roundId)
    {
        if (_round?.Id != roundId)
            return;

        _log.Warning("{0}: round {1} timed out with {2} symbols unanswered; they count as failed",
            _interval, roundId, _round.Outstanding.Count);
        _round.CountFailure(Unanswered, count: _round.Outstanding.Count);
        _round.Outstanding.Clear();
        FinishRound(timedOut: true);
    }

    private void FinishRound(bool timedOut)
    {
        var round = _round!;
        _round = null;
        _roundTimer?.Dispose();
        _roundTimer = null;
        _retryTimer?.Dispose();
        _retryTimer = null;

        _lastRound = new IntervalProtocol.RoundReport(
            _interval, round.Id, round.UpTo, round.StartedAt, Now, round.Done, round.Failed,
            timedOut, round.DescribeFailures());
        Context.System.EventStream.Publish(_lastRound);

        if (round.Failed == 0 && (_completeUpTo is not { } before || round.UpTo > before))
            _completeUpTo = round.UpTo;

        _metrics?.RoundEnded(_interval, _lastRound.Duration.ToTimeSpan(),
            RoundLag.Behind(_grid, _settings, _interval, Now, _completeUpTo), round.Done,
            round.FailuresByKind);

        if (round.Failed > 0)
        {
            _log.Warning("{0}: round {1} up to {2} finished: {3} done, {4} failed",
                _interval, round.Id, round.UpTo, round.Done, round.Failed);
        }
        else
        {
            _log.Debug("{0}: round {1} up to {2} finished: {3} symbols",
                _interval, round.Id, round.UpTo, round.Done);
        }

        if (_tickPending)
        {
            _tickPending = false;
            BeginRound();
        }
    }

    private void ScheduleNextTick()
    {
        Instant next;
        try
        {
            next = _grid.NextClose(Now - _settings.SettleDelay, _interval) + _settings.SettleDelay;
            _problem = null;
        }
        catch (CalendarOutOfRangeException e)
        {
            _problem = e.Message;
            _nextTickAt = null;
            _log.Error("{0}: no further rounds are scheduled: {1}", _interval, e.Message);
            return;
        }

        _nextTickAt = next;
        var due = (next - Now).ToTimeSpan();
        _tickTimer?.Dispose();
        _tickTimer = _clock.CreateTimer(
            SendToSelf, Tick.Instance, due > TimeSpan.Zero ? due : TimeSpan.Zero,
            Timeout.InfiniteTimeSpan);
    }

    private IntervalProtocol.Status CurrentStatus() => new(
        _interval, _lastRound, _round?.StartedAt, _roundsStarted, _ticksCoalesced, _nextTickAt,
        _problem, _degraded, _ticksSkipped, _completeUpTo);

    // Timer callbacks run on a pool thread; telling Self is the one thing they may do.
    private void SendToSelf(object? message) => _self.Tell(message!);

    /// <param name="startedAtTimestamp">A wall-clock timestamp
    /// (<see cref="TimeProvider.GetTimestamp"/>), for how long symbols went unanswered.</param>
    private sealed class Round(
        long id, Instant upTo, Instant startedAt, long startedAtTimestamp,
        HashSet<Symbol> outstanding)
    {
        // A vendor's reason can be a whole error page; the status needs its gist.
        private const int MaxReason = 200;

        private readonly Dictionary<string, int> _byKind = [];
        private readonly int _symbols = outstanding.Count;
        private string? _lastReason;

        public long Id { get; } = id;
        public Instant UpTo { get; } = upTo;
        public Instant StartedAt { get; } = startedAt;
        public long StartedAtTimestamp { get; } = startedAtTimestamp;
        public HashSet<Symbol> Outstanding { get; } = outstanding;
        public int Symbols => _symbols;

        /// <summary>Real time until the unanswered symbols are asked again.</summary>
        public TimeSpan RetryAfter { get; set; }

        /// <summary>How often the unanswered symbols were asked again.</summary>
        public int Retries { get; set; }

        public int Done { get; set; }
        public int Failed { get; private set; }
        public IReadOnlyDictionary<string, int> FailuresByKind => _byKind;

        public void CountFailure(string kind, string? reason = null, int count = 1)
        {
            if (count <= 0)
                return;

            Failed += count;
            _byKind[kind] = _byKind.GetValueOrDefault(kind) + count;
            if (!string.IsNullOrWhiteSpace(reason))
                _lastReason = reason.Length <= MaxReason ? reason : reason[..MaxReason] + "...";
        }

        /// <summary>
        /// "3 of 40 symbols failed: 2 RateLimited, 1 Timeout; last: 429"; null if none failed.
        /// </summary>
        public string? DescribeFailures()
        {
            if (Failed == 0)
                return null;

            // One kind needs no count: it is the number in front. Commonest kinds first.
            var kinds = _byKind.Count == 1
                ? _byKind.Keys.Single()
                : string.Join(", ", _byKind
                    .OrderByDescending(k => k.Value)
                    .ThenBy(k => k.Key, StringComparer.Ordinal)
                    .Select(k => $"{k.Value} {k.Key}"));
            var last = _lastReason is null ? "" : $"; last: {_lastReason}";
            return $"{Failed} of {_symbols} symbols failed: {kinds}{last}";
        }
    }

    private sealed class Tick : INoSerializationVerificationNeeded
    {
        public static readonly Tick Instance = new();
    }

    private sealed record RoundTimedOut(long RoundId) : INoSerializationVerificationNeeded;

    private sealed record RetryDue(long RoundId) : INoSerializationVerificationNeeded;

    private sealed record UniverseUnavailable(string Reason) : INoSerializationVerificationNeeded;
}
