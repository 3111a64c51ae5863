namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>Akka settings of the test nodes, where they differ from production.</summary>
public static class ClusterHocon
{
    /// <param name="collectors">Collector nodes the cluster waits for before it is Up.</param>
    public static string For(int collectors) => $$"""
        akka {
          loglevel = INFO
          # Strict serialization: every message, local ones too, goes through its serializer,
          # so one without a binding fails here instead of crossing nodes as JSON.
          actor.serialize-messages = on

          cluster {
            # Two cores run three nodes, the database and the tests: JIT and GC can hold a
            # node's heartbeats for seconds. Production (hocon/akka.conf) allows 5 s and waits
            # 20 s of stable membership; here a late heartbeat may be 8 s late, and a node
            # that really died is downed 5 s after that, so a test waits about 15 s for it.
            failure-detector.acceptable-heartbeat-pause = 8s
            split-brain-resolver.stable-after = 5s

            # No shard is placed before every collector is Up, so the first rounds spread
            # the symbols instead of putting every shard on the first node.
            role.collector.min-nr-of-members = {{collectors}}

            sharding {
              # Even out quickly and wholly: the spread is asserted within seconds.
              rebalance-interval = 2s
              least-shard-allocation-strategy {
                rebalance-absolute-limit = 30
                rebalance-relative-limit = 1.0
              }
            }
          }
        }
        """;
}
