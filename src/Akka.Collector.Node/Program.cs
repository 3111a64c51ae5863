using Akka.Collector.Node;
using Akka.Collector.Node.Services;

// A collector node: cluster member, symbol shards, interval collectors and the HTTP gateway.
// "migrate" instead creates the store's schema and journal tables and exits.
try
{
    if (MigrateCommand.IsRequested(args))
        return await MigrateCommand.RunAsync(args, Console.Out);

    var app = CollectorNode.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // A node that cannot start says why in one line an operator can act on, not a stack trace.
    var reason = e.Message;
    for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        reason += $" ({inner.Message})";

    Console.Error.WriteLine($"collector: cannot run: {reason}");
    return 2;
}
