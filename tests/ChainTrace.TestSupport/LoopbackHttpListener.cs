using System.Net;
using System.Net.Sockets;

namespace ChainTrace.TestSupport;

/// <summary>Real HTTP listeners on 127.0.0.1 for tests that stand in for a node or an API.</summary>
public static class LoopbackHttpListener
{
    /// <summary>
    /// Listens on a port that was free a moment ago; another test may take it in between, so a few tries. Dispose
    /// it with <see cref="HttpListener.Close"/> alone: <see cref="HttpListener.Stop"/> first unregisters the port, and
    /// Close then binds it again in order to remove it, which fails with "Address already in use" once another test
    /// has taken the port meanwhile.
    /// </summary>
    public static (HttpListener Listener, Uri Url) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var url = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }
}
