using Akka.Collector.Actors.Budget;
using Akka.Collector.Actors.Hosting;
using Akka.Collector.Domain.Intervals;
using Akka.Collector.Domain.Alignment;
using Akka.Collector.Domain.Calendar;
using Akka.Collector.Domain.Time;
using Akka.Collector.Gateway.Metrics;
using Akka.Collector.Node.Configuration;
using Akka.Collector.Node.Services;
using Akka.Collector.Store;
using Akka.Collector.Vendors;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Akka.Collector.Node.Composition;

/// <summary>The plain services of a node: clock, calendar, store, vendor, settings.</summary>
public static class CollectorServices
{
    public static IServiceCollection AddCollectorServices(
        this IServiceCollection services, NodeSettings settings, NodeOverrides overrides)
    {
        // The one market clock: tests inject a fake one, a demo a fast one, a multi-process
        // test a manual one it moves over HTTP.
        var clock = overrides.Clock ?? MarketClock(services, settings);
        services.TryAddSingleton(clock);

        // Real time beside it, for what the vendor dictates: budget, Retry-After, backoff.
        var wallClock = new WallClock(overrides.WallClock);
        services.AddSingleton(wallClock);

        var calendar = LoadCalendar(settings.CalendarFile);
        services.AddSingleton(calendar);
        services.AddSingleton(new BarGrid(calendar));

        services.AddSingleton(settings);
        services.AddSingleton(settings.Gateway);

        services.AddSingleton(StoreFactory.CreateStore(settings));
        services.AddHostedService<StoreInitializer>();

        services.AddSingleton<IBarSource>(sp => overrides.Vendor?.Invoke(sp)
            ?? VendorFactory.Create(
                settings.Vendor, clock, wallClock.Provider, sp.GetRequiredService<BarGrid>(),
                sp.GetRequiredService<ILoggerFactory>()));

        // The universe of a replay is what was recorded, unless the test says otherwise.
        services.AddSingleton(sp => UniverseFor(settings, sp.GetRequiredService<IBarSource>()));

        // The plan starts on the configured node count; the budget keeper moves it with the
        // cluster's collector members and the universe.
        services.AddSingleton(sp => new CapacityPlanner(
            sp.GetRequiredService<Actors.CollectionSettings>().Universe.Count,
            sp.GetRequiredService<IBarSource>().Limits.MaxSymbolsPerRequest,
            settings.Vendor.BudgetPerMinute,
            settings.Vendor.BudgetNodes,
            settings.Vendor.DegradeOrder ?? [.. BarInterval.All]));
        services.AddSingleton(sp => new RequestBudget(
            sp.GetRequiredService<CapacityPlanner>().Current, wallClock.Provider));
        services.AddHostedService<CapacityReport>();

        services.AddCollectorActorServices();
        services.AddSingleton<Gateway.Universe.UniverseView>();
        services.AddCollectorMetrics();
        services.AddHostedService<CalendarWatch>();
        return services;
    }

    private static TimeProvider MarketClock(IServiceCollection services, NodeSettings settings)
    {
        if (settings.ManualClockToken is null)
        {
            return new ScaledTimeProvider(
                settings.ClockStart?.ToDateTimeOffset(), settings.ClockSpeed);
        }

        var manual = new ManualClock.ManualClock(
            settings.ClockStart?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow);
        services.AddSingleton(manual);
        return manual.Clock;
    }

    private static MarketCalendar LoadCalendar(string? file)
    {
        if (file is null)
            return CalendarFile.LoadEmbeddedNyse();
        if (!File.Exists(file))
            throw NodeSettings.Bad(
                "collector.calendar.file", file, "an existing calendar JSON file");

        try
        {
            return CalendarFile.Parse(File.ReadAllText(file));
        }
        catch (FormatException e)
        {
            throw NodeSettings.Bad(
                "collector.calendar.file", file, $"a valid calendar ({e.Message})");
        }
    }

    public static string SqliteConnectionString(NodeSettings settings)
    {
        var path = Path.GetFullPath(settings.SqlitePath);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw NodeSettings.Bad("collector.store.sqlite-path", settings.SqlitePath,
                $"a file in a folder this node can create and write ({e.Message})");
        }

        // Default Timeout is the busy timeout: a writer waits for the lock instead of failing.
        return $"Data Source={path};Default Timeout=30;Pooling=True";
    }

    private static Actors.CollectionSettings UniverseFor(
        NodeSettings settings, IBarSource vendor) =>
        vendor is IKnowsSymbols recorded && settings.Vendor.Kind == "replay"
            ? settings.Collection with { Universe = recorded.Symbols }
            : settings.Collection;
}
