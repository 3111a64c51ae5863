namespace Akka.Collector.Gateway;

/// <summary>Limits and waits of the HTTP gateway.</summary>
public sealed record GatewayOptions
{
    /// <summary>Real time a stale chart request waits for its symbol's fetch before a
    /// 503.</summary>
    public TimeSpan StaleWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Real time the question "how far is the fetch?" may take once the stale wait has run
    /// out, for the 503's Retry-After. Short, so a stale chart answers within
    /// <see cref="StaleWait"/> plus this (plus reading the newest stored bar).
    /// </summary>
    public TimeSpan FreshnessAsk { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Bars returned when the request names no limit.</summary>
    public int DefaultLimit { get; init; } = 500;

    /// <summary>The largest limit a request may ask for.</summary>
    public int MaxLimit { get; init; } = 10_000;

    /// <summary>The widest from..to span a request may ask for.</summary>
    public TimeSpan MaxRange { get; init; } = TimeSpan.FromDays(3660);

    /// <summary>
    /// The bearer token admin calls must carry (collector.admin.token); null or empty: the
    /// admin API answers every call 401 until one is set. Never logged.
    /// </summary>
    public string? AdminToken { get; init; }

    // A record prints its properties; the token must not reach a log that way.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"StaleWait = {StaleWait}, FreshnessAsk = {FreshnessAsk}, ");
        builder.Append($"DefaultLimit = {DefaultLimit}, MaxLimit = {MaxLimit}, ");
        builder.Append($"MaxRange = {MaxRange}, AdminToken = ");
        builder.Append(string.IsNullOrEmpty(AdminToken) ? "(none)" : "(set)");
        return true;
    }
}
