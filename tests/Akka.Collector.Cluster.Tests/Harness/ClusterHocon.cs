namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>Akka settings of the test nodes, where they differ from production.</summary>
public static class ClusterHocon
{
    /// <param name="members">Nodes the cluster waits for before any is Up.</param>
    public static string For(int members) => $$"""
        akka {
          loglevel = INFO
          # Strict serialization: every message, local ones too, goes through its serializer,
          # so one without a binding fails here instead of crossing nodes as JSON.
          actor.serialize-messages = on
          # Every dead letter, not the first ten: a failed run's logs must show which
          # requests a shard hand-off dropped (the first ten are start-up noise).
          log-dead-letters = on

          cluster {
            # Two cores run three nodes, the database and the tests: JIT and GC can hold a
            # node's heartbeats for seconds. Production (hocon/akka.conf) allows 5 s and waits
            # 20 s of stable membership; here a late heartbeat may be 8 s late, and a node
            # that really died is downed 5 s after that, so a test waits about 15 s for it.
            failure-detector.acceptable-heartbeat-pause = 8s
            split-brain-resolver.stable-after = 5s

            # Every node becomes Up at once, so the singletons start once, on the oldest, and
            # no shard is placed before the other nodes are members. Cluster-wide only: the
            # role-restricted coordinator reads role.collector.min-nr-of-members, waits for
            # that many regions each time it starts, also on a survivor after a node died,
            # and would never place a shard again (hocon/akka.conf says so too).
            min-nr-of-members = {{members}}

            sharding {
              # Even out quickly and wholly: the spread is awaited within seconds.
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
