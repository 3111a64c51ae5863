using Akka.Collector.Node;

// A collector node: cluster member, symbol shards, interval collectors and the HTTP gateway.
var app = CollectorNode.Build(args);
await app.RunAsync();
