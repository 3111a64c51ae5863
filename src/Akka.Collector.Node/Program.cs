using Akka.Collector.Node;

// A collector node: cluster member, symbol shards, interval collectors and the HTTP gateway.
try
{
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
