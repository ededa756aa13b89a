using System.Net;
using System.Net.Sockets;

namespace Playstream.TestSupport;

public static class FreePort
{
    /// <summary>A TCP port nothing listens on right now (the system picks it).</summary>
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
