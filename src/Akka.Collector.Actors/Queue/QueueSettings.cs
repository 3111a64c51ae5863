namespace Akka.Collector.Actors.Queue;

/// <summary>How the collection queue runs its work. Durations marked market run on the
/// market clock.</summary>
public sealed record QueueSettings
{
    /// <summary>Queued items running at once, cluster-wide.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Market time one item may run before it counts as failed and queues again.</summary>
    public TimeSpan WorkTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Market time before a failed item runs again; doubles per attempt up to
    /// <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Failed tries with malformed replies after which a range is
    /// quarantined.</summary>
    public int QuarantineAfter { get; init; } = 3;

    /// <summary>Market time a quarantined range rests before one more try.</summary>
    public TimeSpan QuarantineRetry { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Chart-triggered onboardings in progress at once, over all clients.</summary>
    public int MaxOnboarding { get; init; } = 8;

    /// <summary>Chart-triggered onboardings one client may start per
    /// <see cref="ClientWindow"/>.</summary>
    public int PerClient { get; init; } = 5;

    /// <summary>Market time the per-client cap counts over.</summary>
    public TimeSpan ClientWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Market time a symbol the vendor did not know is answered 404 without asking
    /// the vendor again.</summary>
    public TimeSpan RejectedFor { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Journal events between snapshots of the queue.</summary>
    public int SnapshotEvery { get; init; } = 500;
}
