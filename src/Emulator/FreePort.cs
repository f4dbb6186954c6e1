using System.Net;
using System.Net.Sockets;

namespace DataPlatform.Emulator;

/// <summary>Loopback ports for servers this kit starts for itself.</summary>
public static class FreePort
{
    /// <summary>A port the OS just handed out on 127.0.0.1, so nothing else is listening on it.</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when something already accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static bool IsInUse(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
