using System.Net;
using System.Net.Sockets;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>Ports nobody listens on right now (the OS picks them), for processes started by a test.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
