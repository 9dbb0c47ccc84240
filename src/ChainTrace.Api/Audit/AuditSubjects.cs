using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Api.Audit;

/// <summary>
/// The normalised subject of an audited request, so one address asked about in different spellings is one
/// subject: hex (hashes, Ethereum addresses) and Bech32 are case-insensitive and lower-cased; short words (chain codes) are lower-cased; Base58 is kept as is.
/// </summary>
public static class AuditSubjects
{
    public const int MaxValueLength = 200;

    public static string Of(string kind, IReadOnlyList<string> routeValueNames, RouteValueDictionary values)
    {
        ArgumentNullException.ThrowIfNull(routeValueNames);
        ArgumentNullException.ThrowIfNull(values);
        var parts = new string[routeValueNames.Count + 1];
        parts[0] = kind;
        for (var i = 0; i < routeValueNames.Count; i++)
        {
            parts[i + 1] = Normalize(values.TryGetValue(routeValueNames[i], out var value) ? value?.ToString() : null);
        }

        return string.Join(':', parts);
    }

    public static string Normalize(string? value)
    {
        var text = (value ?? "").Trim();
        if (text.Length > MaxValueLength)
        {
            text = text[..MaxValueLength];
        }

        // Hex only when it cannot be Base58: 0x-prefixed (Ethereum) or 64 digits (a hash); a Base58 address that
        // happens to use only hex letters must keep its case, which is part of the address.
        var prefixed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        var hex = prefixed ? text[2..] : text;
        var caseInsensitive = ((prefixed || hex.Length == 64) && hex.All(char.IsAsciiHexDigit))
            || text.StartsWith("bc1", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("tb1", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("bcrt1", StringComparison.OrdinalIgnoreCase)
            || (text.Length <= 10 && text.All(char.IsAsciiLetter));
        return caseInsensitive ? text.ToLowerInvariant() : text;
    }
}
