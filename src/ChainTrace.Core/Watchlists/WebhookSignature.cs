using System.Globalization;
using System.Security.Cryptography;

namespace ChainTrace.Core.Watchlists;

/// <summary><c>ChainTrace-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;"&gt;</c>.</summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "ChainTrace-Signature";
    public const string DeliveryHeader = "ChainTrace-Delivery";

    public static string Create(string secret, long unixSeconds, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>True when <paramref name="header"/> is a v1 signature of <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, string header, string body)
    {
        ArgumentNullException.ThrowIfNull(header);
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || !parts.ContainsKey("v1"))
        {
            return false;
        }

        var expected = System.Text.Encoding.ASCII.GetBytes(Create(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, System.Text.Encoding.ASCII.GetBytes(header));
    }
}
