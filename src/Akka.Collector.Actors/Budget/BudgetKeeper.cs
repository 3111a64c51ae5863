using Akka.Actor;
using Akka.Cluster;
using Akka.Collector.Actors.Intervals;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Intervals;
using Akka.Event;

namespace Akka.Collector.Actors.Budget;

/// <summary>
/// One per node. Keeps the node's share of the vendor budget equal to the budget divided by
/// the collector nodes that are Up, counted from cluster member events (before this node is
/// Up, the configured <c>collector.vendor.budget.nodes</c>), and the plan in step with the
/// universe size (<see cref="BudgetProtocol.UniverseChanged"/>). On every change it
/// recomputes the <see cref="CapacityPlan"/>, hands it to the node's
/// <see cref="RequestBudget"/>, says what changed in the log, and tells every interval
/// collector whether it is degraded: by message, wherever the singleton runs.
/// Known shortcoming: nodes learn of a join or a leave at slightly different moments, so for
/// that moment two nodes may each spend a share computed for a different count; a vendor
/// that counts strictly may answer a few 429s, which the retries honour.
/// </summary>
public sealed class BudgetKeeper : ReceiveActor, IWithTimers
{
    // Real time: how soon a symbol added or removed anywhere reaches this node's plan.
    private static readonly TimeSpan UniverseCheck = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstUniverseCheck = TimeSpan.FromSeconds(2);

    public const string CollectorRole = "collector";

    private readonly CapacityPlanner _planner;
    private readonly RequestBudget _budget;
    private readonly IntervalDirectory _intervals;
    private readonly string _vendor;
    private readonly IActorRef? _queue;
    private long _universeVersion;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<UniqueAddress> _up = [];
    private readonly Cluster.Cluster _cluster = Cluster.Cluster.Get(Context.System);

    public BudgetKeeper(
        CapacityPlanner planner, RequestBudget budget, IntervalDirectory intervals, string vendor,
        IActorRef? queue = null)
    {
        _queue = queue;
        _planner = planner;
        _budget = budget;
        _intervals = intervals;
        _vendor = vendor;

        Receive<ClusterEvent.IMemberEvent>(e => OnMember(e.Member));
        Receive<BudgetProtocol.UniverseChanged>(
            changed => Apply(_planner.Recompute(symbols: changed.Symbols), "universe changed"));
        Receive<BudgetProtocol.GetPlan>(_ => Sender.Tell(_planner.Current));
        Receive<CheckUniverse>(_ => AskUniverse());
        Receive<QueueProtocol.Universe>(OnUniverse);
        Receive<Status.Failure>(_ => { }); // the queue is moving; the next check asks again
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(
        CapacityPlanner planner, RequestBudget budget, IntervalDirectory intervals,
        string vendor, IActorRef? queue = null) =>
        Akka.Actor.Props.Create(() =>
            new BudgetKeeper(planner, budget, intervals, vendor, queue));

    protected override void PreStart()
    {
        _cluster.Subscribe(
            Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent));

        // The runtime universe lives in the collection queue; its size feeds the plan. The
        // first look comes soon after start: the plan began from the configured list, and a
        // restarted queue may hold symbols added or removed since.
        if (_queue is not null)
        {
            Timers.StartPeriodicTimer(
                "universe", CheckUniverse.Instance, FirstUniverseCheck, UniverseCheck);
        }
    }

    private void AskUniverse() =>
        _queue!.Ask<QueueProtocol.Universe>(
                new QueueProtocol.GetUniverse(_universeVersion), TimeSpan.FromSeconds(5))
            .PipeTo(Self);

    private void OnUniverse(QueueProtocol.Universe universe)
    {
        _universeVersion = universe.Version;
        if (universe.Symbols is { } symbols && symbols.Count != _planner.Current.Symbols)
            Apply(_planner.Recompute(symbols: symbols.Count),
                $"the universe holds {symbols.Count} symbols");
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private bool SelfUp => _up.Contains(_cluster.SelfUniqueAddress);

    private void OnMember(Member member)
    {
        if (!member.HasRole(CollectorRole))
            return;

        var changed = member.Status == MemberStatus.Up
            ? _up.Add(member.UniqueAddress)
            : _up.Remove(member.UniqueAddress);
        if (!changed || !SelfUp)
            return;

        var nodes = _up.Count;
        if (nodes == _planner.Current.Nodes)
            return;

        Apply(_planner.Recompute(nodes: nodes),
            $"{member.Address} is {member.Status}; {nodes} collector node(s) are Up");
    }

    private void Apply(CapacityPlan plan, string why)
    {
        _budget.Apply(plan);
        if (plan.Degraded.Count > 0)
            _log.Warning("Budget recomputed ({0}): {1}", why, plan.Describe(_vendor));
        else
            _log.Info("Budget recomputed ({0}): {1}", why, plan.Describe(_vendor));

        // All of them, every time: a collector singleton that moved since the last change
        // started from its new node's plan, and the message is idempotent.
        foreach (var interval in BarInterval.All)
        {
            var degraded = plan.Degraded.Contains(interval);
            _intervals.For(interval).Tell(new IntervalProtocol.SetDegraded(
                interval, degraded,
                $"{plan.NeededPerMinute:0.#} requests/min needed, " +
                $"{plan.BudgetPerMinute:0.#} this node's budget"));
        }
    }

    private sealed class CheckUniverse : INoSerializationVerificationNeeded
    {
        public static readonly CheckUniverse Instance = new();
    }
}
