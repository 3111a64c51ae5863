using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Akka.Collector.Node.Configuration;

namespace Akka.Collector.Node.Composition;

/// <summary>
/// Refuses to start a node on a remoting port another process already listens on. Akka's
/// transport binds with SO_REUSEADDR, which .NET turns into SO_REUSEPORT on Linux: a second
/// node on a busy port bound it beside the first, both answered as the same address, and
/// the kernel spread connections between them. Switching the option off would instead make
/// a node restarted at once fail on its own connections' TIME_WAIT, so the check asks
/// whether anything accepts a connection there: a listener does, TIME_WAIT does not.
/// </summary>
/// <remarks>
/// Only addresses of this machine are probed, with a plain blocking connect, which a local
/// address answers at once (accepted or refused); it runs before the host starts, when
/// the thread pool may be busy with other start-ups (tests start many nodes at once).
/// </remarks>
internal static class RemotingPortCheck
{
    /// <exception cref="InvalidOperationException">Something listens on the port.</exception>
    public static void EnsureFree(NodeSettings settings)
    {
        if (settings.Port == 0)
            return;

        foreach (var address in LocalAddresses(settings.BindHostname ?? settings.Hostname))
        {
            using var probe =
                new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Connect(address, settings.Port);
            }
            catch (SocketException)
            {
                continue;
            }

            throw NodeSettings.Bad("collector.node.port", $"{settings.Port}",
                "a port no other process listens on: something already accepts connections " +
                $"on {address}:{settings.Port} (another node?); give this node its own port " +
                "(COLLECTOR_PORT)");
        }
    }

    // A node listening on every interface is reached on loopback; a name that does not
    // resolve, or resolves elsewhere, is for remoting itself to refuse.
    private static IEnumerable<IPAddress> LocalAddresses(string host)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return literal.Equals(IPAddress.Any) || literal.Equals(IPAddress.IPv6Any)
                ? [IPAddress.Loopback]
                : IsLocal(literal) ? [literal] : [];
        }

        try
        {
            return Dns.GetHostAddresses(host).Where(IsLocal).Take(1).ToList();
        }
        catch (SocketException)
        {
            return [];
        }
    }

    private static bool IsLocal(IPAddress address) =>
        IPAddress.IsLoopback(address)
        || NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Any(unicast => unicast.Address.Equals(address));
}
