using System.Net;
using System.Net.Sockets;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>
/// Ports nobody listens on right now, for processes started by a test. They lie below Linux's ephemeral range (32768+,
/// where outgoing connections get their local ports), so no connection takes one between this check and the process
/// binding it, and none is handed out twice in a run (as <c>pg_free_port</c> in scripts/postgres.sh does).
/// </summary>
public static class FreePorts
{
    private const int First = 20_000;
    private const int Count = 12_000;

    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = First + Random.Shared.Next(Count);
                if (!HandedOut.Contains(port) && Bindable(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free TCP port in {First}-{First + Count - 1} on 127.0.0.1.");
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
