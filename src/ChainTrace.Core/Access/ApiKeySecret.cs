using System.Security.Cryptography;

namespace ChainTrace.Core.Access;

/// <summary>
/// The key text handed to a user once: <c>ct_</c>, a 12-hex-digit public id, <c>_</c>, 43 base64url characters of
/// secret (256 bits). The id finds the stored row; the SHA-256 of the whole text is compared in constant time.
/// </summary>
public static class ApiKeySecret
{
    private const string Prefix = "ct_";
    private const int IdLength = 12;

    /// <summary>A fresh key text and the record to store for it (the text itself is not in the record).</summary>
    public static (string Text, ApiKey Key) Create(string name, ApiRole role, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        ValidateName(name);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Base64UrlNoPadding(RandomNumberGenerator.GetBytes(32));
        var text = $"{Prefix}{id}_{secret}";
        return (text, new ApiKey(name, role, id, Hash(text), now, expiresAt, null));
    }

    /// <summary>The public id of a presented key text, or null when the text does not have a key's shape.</summary>
    public static string? TryGetId(string? text)
    {
        if (text is null || text.Length != Prefix.Length + IdLength + 1 + 43 || !text.StartsWith(Prefix, StringComparison.Ordinal) || text[Prefix.Length + IdLength] != '_')
        {
            return null;
        }

        var id = text.Substring(Prefix.Length, IdLength);
        return id.All(char.IsAsciiHexDigitLower) ? id : null;
    }

    /// <summary>Whether <paramref name="text"/> is the key whose hash <paramref name="key"/> holds, in time independent of where they differ.</summary>
    public static bool Matches(ApiKey key, string text) =>
        CryptographicOperations.FixedTimeEquals(Hash(text), key.KeyHash.Span);

    public static byte[] Hash(string text) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));

    /// <exception cref="FormatException">the name is empty, too long or has characters other than letters, digits, '-', '_' and '.'.</exception>
    public static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new FormatException($"'{name}' is not a key name: 1-64 letters, digits, '-', '_' or '.'");
        }
    }

    private static string Base64UrlNoPadding(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
