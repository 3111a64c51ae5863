using Akka.Actor;
using Akka.Collector.Actors.Hosting;
using Akka.Collector.Actors.Protocol;
using Akka.Collector.Domain.Symbols;
using Akka.Hosting;

namespace Akka.Collector.Gateway.Universe;

/// <summary>
/// This gateway's copy of the runtime universe, so a chart for a known symbol costs no trip
/// to the queue singleton. A symbol it does not hold makes it ask the queue for what changed
/// (at most every <see cref="RefreshEvery"/>); a symbol still missing is a new one.
/// </summary>
public sealed class UniverseView(IRequiredActor<QueueProxy> queue)
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot _current = new(0, new HashSet<Symbol>(), DateTime.MinValue);

    /// <summary>True or false as the queue says; null when the queue did not answer.</summary>
    public async Task<bool?> ContainsAsync(Symbol symbol, CancellationToken cancel)
    {
        var current = _current;
        if (current.Symbols.Contains(symbol))
            return true;

        if (!await RefreshAsync(current, cancel))
            return current.Version == 0 ? null : false;

        return _current.Symbols.Contains(symbol);
    }

    /// <summary>
    /// How many symbols the runtime universe holds (configured, onboarded, removed), at most
    /// <see cref="RefreshEvery"/> old; null when the queue has never answered.
    /// </summary>
    public async Task<int?> CountAsync(CancellationToken cancel)
    {
        await RefreshAsync(_current, cancel);
        var current = _current;
        return current.Version == 0 ? null : current.Symbols.Count;
    }

    // One refresh at a time; a request that waited for another's refresh uses its result.
    private async Task<bool> RefreshAsync(Snapshot seen, CancellationToken cancel)
    {
        await _refresh.WaitAsync(cancel);
        try
        {
            if (!ReferenceEquals(_current, seen)
                || DateTime.UtcNow - seen.TakenAt < RefreshEvery)
                return true;

            var proxy = await queue.GetAsync(cancel);
            var answer = await proxy.Ask<QueueProtocol.Universe>(
                new QueueProtocol.GetUniverse(seen.Version), AskTimeout, cancel);
            var symbols = answer.Symbols is { } list ? list.ToHashSet() : seen.Symbols;
            _current = new Snapshot(answer.Version, symbols, DateTime.UtcNow);
            return true;
        }
        catch (AskTimeoutException)
        {
            return false;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record Snapshot(long Version, HashSet<Symbol> Symbols, DateTime TakenAt);
}
