using System.Text.Json;
using Akka.Collector.Domain.Intervals;
using NodaTime;

namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>
/// Node processes of one run on one store: seeds by configuration (the first node), the
/// replay session, manual clocks the test moves together. Everything is awaited by asking the
/// nodes over HTTP until a condition holds, within a bound.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    // Start-up of several processes on two busy cores; a killed node's downing (about 15 s).
    public static readonly TimeSpan StartBound = TimeSpan.FromSeconds(150);
    public static readonly TimeSpan ChangeBound = TimeSpan.FromSeconds(90);

    private readonly List<NodeProcess> _nodes = [];
    private readonly HashSet<NodeProcess> _gone = [];
    private readonly string _directory;
    private readonly string _token = Guid.NewGuid().ToString("N");

    private TestCluster(ITestStore store, string directory)
    {
        Store = store;
        _directory = directory;
    }

    public ITestStore Store { get; }

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    /// <summary>Nodes neither killed nor left.</summary>
    public IReadOnlyList<NodeProcess> Live => [.. _nodes.Where(n => !_gone.Contains(n))];

    public IReadOnlyList<NodeProcess> Collectors { get; private set; } = [];

    public Instant Clock { get; private set; } = ReplaySession.Start;

    /// <summary>Starts the nodes and waits until they form one cluster whose first rounds
    /// have run.</summary>
    /// <param name="collectors">Nodes with both roles.</param>
    /// <param name="gateways">Gateway-only nodes.</param>
    public static async Task<TestCluster> StartAsync(
        ITestStore store, string directory, int collectors, int gateways = 0)
    {
        var cluster = new TestCluster(store, directory);
        var ports = Enumerable.Range(0, collectors + gateways).Select(_ => FreePort.Next())
            .ToList();
        var seed = $"akka.tcp://collector@127.0.0.1:{ports[0]}";
        for (var i = 0; i < ports.Count; i++)
        {
            var collector = i < collectors;
            var roles = collector ? "[collector, gateway]" : "[gateway]";
            // One node alone forms its own cluster; several join the first.
            var seeds = ports.Count == 1 ? "[]" : $"[\"{seed}\"]";
            var config = $$"""
                collector.roles = {{roles}}
                collector.node.seed-nodes = {{seeds}}
                {{store.Hocon}}
                {{ReplaySession.Hocon}}
                {{ClusterHocon.For(ports.Count)}}
                """;
            var name = collector ? $"collector-{i + 1}" : $"gateway-{i - collectors + 1}";
            cluster._nodes.Add(NodeProcess.Start(
                name, Path.Combine(directory, name), config, ports[i], cluster._token));
        }

        cluster.Collectors = [.. cluster._nodes.Take(collectors)];
        try
        {
            await cluster.WaitForMembersAsync(ports.Count, StartBound);
            await cluster.WaitForRoundsAsync(ReplaySession.Start, StartBound);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Moves every live node's clock to t, the node running the singletons last, and
    /// waits until every interval's rounds have collected all that closed by then.</summary>
    public async Task PlayToAsync(Instant t)
    {
        await MoveClocksAsync(t);
        await WaitForRoundsAsync(t, ChangeBound);
    }

    /// <summary>
    /// Moves the clocks of the live nodes to t. The node running the interval singletons goes
    /// last: a round starts only once every node that may fetch for it stands at t, so no
    /// vendor on a lagging clock is asked for bars it would not yet serve.
    /// </summary>
    public async Task MoveClocksAsync(Instant t, IEnumerable<NodeProcess>? except = null)
    {
        var host = await SingletonHostAsync();
        var skip = except?.ToHashSet() ?? [];
        foreach (var node in Live.Where(n => n != host && !skip.Contains(n)))
            await node.MoveClockAsync(t.ToDateTimeOffset());
        if (!skip.Contains(host))
            await host.MoveClockAsync(t.ToDateTimeOffset());
        Clock = t;
    }

    /// <summary>The node the cluster's oldest collector is: it runs the interval
    /// singletons.</summary>
    public async Task<NodeProcess> SingletonHostAsync()
    {
        var view = await Live[0].GetJsonAsync("/api/v1/cluster");
        var address = view.GetProperty("singletonHost").GetString();
        return _nodes.Single(n => n.Address == address);
    }

    /// <summary>Waits until every live node sees exactly the live nodes, all Up.</summary>
    public Task WaitForMembersAsync(int count, TimeSpan bound) =>
        Poll.UntilAsync($"{count} members Up on every live node", bound, async () =>
        {
            foreach (var node in Live)
            {
                var view = await node.GetJsonAsync("/api/v1/cluster");
                var members = view.GetProperty("members").EnumerateArray()
                    .Select(m => (m.GetProperty("address").GetString(),
                        m.GetProperty("status").GetString()))
                    .ToList();
                var unreachable = view.GetProperty("unreachable").GetArrayLength();
                if (members.Count != count || members.Any(m => m.Item2 != "Up") ||
                    unreachable > 0)
                {
                    return $"{node.Name} sees {string.Join(", ", members)}, " +
                           $"{unreachable} unreachable";
                }
            }

            return null;
        }, Diagnostics);

    /// <summary>
    /// Waits until every interval's rounds have, with no symbol failing, reached the latest
    /// bar closed at t, as the status of a live node reports it.
    /// </summary>
    public Task WaitForRoundsAsync(Instant t, TimeSpan bound) =>
        Poll.UntilAsync($"every interval collected up to the clock {t}", bound, async () =>
        {
            var status = await Live[0].GetJsonAsync("/api/v1/status");
            foreach (var row in status.GetProperty("intervals").EnumerateArray())
            {
                var interval = BarInterval.Parse(row.GetProperty("interval").GetString()!);
                var want = ReplaySession.CollectedUpTo(t, interval).ToString();
                var got = row.TryGetProperty("completeUpTo", out var c) &&
                          c.ValueKind == JsonValueKind.String
                    ? c.GetString()
                    : null;
                if (got != want)
                    return $"{interval}: complete up to {got ?? "nothing"}, want {want}: {row}";
            }

            return null;
        }, Diagnostics);

    /// <summary>The interval rows of a live node's status.</summary>
    public async Task<IReadOnlyList<JsonElement>> IntervalStatusAsync(NodeProcess node)
    {
        var status = await node.GetJsonAsync("/api/v1/status");
        return [.. status.GetProperty("intervals").EnumerateArray()];
    }

    /// <summary>The symbol shards each live collector hosts and their entities.</summary>
    public async Task<IReadOnlyDictionary<NodeProcess, IReadOnlyList<(string Shard,
        IReadOnlyList<string> Entities)>>> ShardsAsync()
    {
        var result = new Dictionary<NodeProcess, IReadOnlyList<(string, IReadOnlyList<string>)>>();
        foreach (var node in Live.Where(n => Collectors.Contains(n)))
        {
            var view = await node.GetJsonAsync("/api/v1/cluster");
            var shards = view.GetProperty("shards");
            result[node] = shards.ValueKind != JsonValueKind.Array
                ? []
                : [.. shards.EnumerateArray().Select(s => (
                    s.GetProperty("id").GetString()!,
                    (IReadOnlyList<string>)[.. s.GetProperty("entities").EnumerateArray()
                        .Select(e => e.GetString()!)]))];
        }

        return result;
    }

    /// <summary>
    /// Waits until every live collector hosts shards and every symbol has its entity, asking
    /// each symbol through a gateway (allowStale: no fetch, nothing stored) so that shards a
    /// rebalance moved are placed again.
    /// </summary>
    public Task WaitForSpreadAsync(TimeSpan bound) =>
        Poll.UntilAsync("symbols spread over every live collector", bound, async () =>
        {
            var gateway = Live[0];
            foreach (var symbol in ReplaySession.Symbols)
            {
                using var reply = await gateway.Http.GetAsync(
                    $"/api/v1/candles/{symbol}?interval=1m&allowStale=true&limit=1");
            }

            var shards = await ShardsAsync();
            var empty = shards.Where(s => !s.Value.Any(shard => shard.Entities.Count > 0))
                .Select(s => s.Key.Name).ToList();
            if (empty.Count > 0)
                return $"{string.Join(", ", empty)} host no symbol";

            var hosted = shards.Values.SelectMany(s => s).SelectMany(s => s.Entities).ToList();
            var missing = ReplaySession.Symbols.Except(hosted).ToList();
            return missing.Count > 0 ? $"no entity for {string.Join(", ", missing)}" : null;
        }, Diagnostics);

    /// <summary>Marks a node as gone (killed, or left): it is no longer asked or
    /// moved.</summary>
    public void Gone(NodeProcess node) => _gone.Add(node);

    public string Diagnostics() =>
        $"store: {Store.Description}\n" + string.Join("\n", _nodes.Select(n => n.Tail()));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
    }
}
