using System.Net;
using System.Net.Sockets;

namespace ChainTrace.Jobs.Webhooks;

/// <summary>The webhook HTTP client: every connection checks the address it actually connects to (<see cref="OutboundUrlPolicy"/>).</summary>
public static class WebhookHttpClientFactory
{
    public static HttpClient Create(bool allowPrivateNetworks)
    {
#pragma warning disable CA2000 // the handler is owned and disposed by the HttpClient returned
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
                var allowed = addresses.Where(a => allowPrivateNetworks || !OutboundUrlPolicy.IsPrivate(a)).ToArray();
                if (allowed.Length == 0)
                {
                    throw new HttpRequestException($"webhook host '{context.DnsEndPoint.Host}' resolves only to private addresses (allowed only with Webhooks:AllowPrivateNetworks)");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
