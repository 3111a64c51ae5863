using System.Net;
using System.Net.Sockets;

namespace Akka.Collector.Cluster.Tests.Harness;

/// <summary>A loopback port no one listens on right now.</summary>
public static class FreePort
{
    public static int Next()
    {
        // The port is released before the node binds it; another process could take it in
        // between, which on a test machine shows as a node that fails to start, loudly.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
