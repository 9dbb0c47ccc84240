using System.Net;
using System.Net.Sockets;

namespace ChainTrace.Jobs.Webhooks;

/// <summary>
/// Outbound webhook URLs: http or https only; loopback, private, link-local, CGNAT and unspecified addresses only when
/// <c>Webhooks:AllowPrivateNetworks</c> is true. Checked when a watchlist is created (literal addresses) and again on
/// every connection (the address the name resolves to), so DNS cannot point a public name at an internal host.
/// </summary>
public static class OutboundUrlPolicy
{
    /// <summary>Null when <paramref name="text"/> is acceptable, else why not.</summary>
    public static string? Check(string? text, bool allowPrivateNetworks)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return $"'{text}' is not an http or https URL";
        }

        if (!allowPrivateNetworks && (url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var ip) && IsPrivate(ip))))
        {
            return $"'{text}' points at a private or loopback address (allowed only with Webhooks:AllowPrivateNetworks)";
        }

        return null;
    }

    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || (first & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }
}
