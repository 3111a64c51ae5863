using Akka.Collector.Gateway;
using Akka.Collector.Node.Composition;
using Akka.Collector.Node.Configuration;
using Akka.Collector.Node.ManualClock;

namespace Akka.Collector.Node;

/// <summary>Builds a collector node: the gateway's web host with the actor system inside
/// it.</summary>
public static class CollectorNode
{
    public static WebApplication Build(string[] args, NodeOverrides? overrides = null)
    {
        overrides ??= new NodeOverrides();

        // Configuration: shipped hocon/, an operator's --config file, then test overrides.
        var hocon = NodeConfig.Load(NodeConfig.Argument(args, "--config"), overrides.Hocon);
        var settings = NodeSettings.From(hocon);
        RemotingPortCheck.EnsureFree(settings);

        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls($"http://{settings.GatewayHost}:{settings.GatewayPort}");
        builder.Services.ConfigureHttpJsonOptions(
            json => json.SerializerOptions.WriteIndented = false);
        builder.Services.AddProblemDetails();

        // Parts: plain services first (the store initialises before the actors start), then actors.
        builder.Services.AddCollectorServices(settings, overrides);
        builder.Services.AddCollectorAkka(settings, hocon);

        var app = builder.Build();

        // A vendor that cannot be made (a key missing, a replay folder gone) stops the start
        // here, said in one line, before the host would log it with a stack trace.
        _ = app.Services.GetRequiredService<Vendors.IBarSource>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapRoleEndpoints(settings.Roles);
        app.MapManualClock(settings);
        return app;
    }
}
