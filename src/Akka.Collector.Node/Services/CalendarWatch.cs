using Akka.Collector.Domain.Calendar;
using Akka.Collector.Node.Configuration;
using NodaTime.Extensions;

namespace Akka.Collector.Node.Services;

/// <summary>
/// Warns, days ahead, before the market calendar runs out: past its last date no round can be
/// scheduled, because the node never guesses which weekdays are open. Checks at start and then
/// once a market day.
/// </summary>
public sealed class CalendarWatch(
    MarketCalendar calendar, TimeProvider clock, NodeSettings settings, ILogger<CalendarWatch> log)
    : IHostedService, IDisposable
{
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Check();
        _timer = clock.CreateTimer(_ => Check(), null, TimeSpan.FromDays(1), TimeSpan.FromDays(1));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _timer?.Dispose();

    private void Check()
    {
        var now = clock.GetUtcNow().ToInstant();
        var left = calendar.DaysOfDataLeft(now);
        if (left < 0)
        {
            log.LogError(
                "The market calendar ended on {LastDate:yyyy-MM-dd}; no rounds run until a newer " +
                "calendar file is installed (collector.calendar.file)", calendar.LastDate);
        }
        else if (left <= settings.CalendarWarnDays)
        {
            log.LogWarning(
                "The market calendar ends in {DaysLeft} days ({LastDate:yyyy-MM-dd}); install a " +
                "newer calendar file (collector.calendar.file) before then",
                left, calendar.LastDate);
        }
    }
}
