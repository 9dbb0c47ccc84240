using ChainTrace.Core.Ports;

namespace ChainTrace.Core.Access;

/// <summary>Creating a key, the same for <c>chaintrace keys create</c>, <c>POST /v1/keys</c> and the first start.</summary>
public static class ApiKeyIssuer
{
    /// <summary>A new key stored under <paramref name="name"/>; null when that name is taken.</summary>
    /// <exception cref="FormatException">the name is not a valid key name, or the expiry is not after <paramref name="now"/>.</exception>
    public static async Task<IssuedKey?> IssueAsync(
        IApiKeyStore store, string name, ApiRole role, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (expiresAt is { } expiry && expiry <= now)
        {
            throw new FormatException($"the expiry {expiry:O} is not in the future");
        }

        // Stores keep milliseconds; the answer should show the time as it will be listed.
        var created = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var (text, key) = ApiKeySecret.Create(name, role, created, expiresAt);
        return await store.TryAddAsync(key, cancellationToken).ConfigureAwait(false) ? new IssuedKey(text, key) : null;
    }
}
