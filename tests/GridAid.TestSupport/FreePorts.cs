using System.Net;
using System.Net.Sockets;

namespace GridAid.TestSupport;

public static class FreePorts
{
    /// <summary>Ports the OS says are free right now (Azurite does not accept port 0).</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
