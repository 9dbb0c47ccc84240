using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Claims;
using ChainTrace.Core.Access;
using ChainTrace.Core.Ports;
using Microsoft.Extensions.Options;

namespace ChainTrace.Api.Access;

/// <summary>
/// Checks presented keys against the key store, caching each looked-up row (or its absence) for
/// <see cref="AccessOptions.KeyCacheTtl"/> so a lookup endpoint does not pay a database read per request, while a
/// revocation made elsewhere (the CLI, another node) still takes effect within that time.
/// </summary>
public sealed class ApiKeyValidator(IApiKeyStore store, IOptions<AccessOptions> options, TimeProvider time)
{
    public const string Scheme = "ApiKey";
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);

    public async ValueTask<KeyCheck> CheckAsync(string presented, CancellationToken cancellationToken)
    {
        if (ApiKeySecret.TryGetId(presented) is not { } id)
        {
            return KeyCheck.Malformed;
        }

        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(id, out var cached) || now - cached.LoadedAt > options.Value.KeyCacheTtl)
        {
            var key = await store.FindByIdAsync(id, cancellationToken).ConfigureAwait(false);
            if (_cache.Count >= MaxCached)
            {
                _cache.Clear();
            }

            cached = new Cached(key, key is null ? null : PrincipalOf(key), now);
            _cache[id] = cached;
        }

        if (cached.Key is not { } found)
        {
            return KeyCheck.Unknown;
        }

        // A text that matched the stored hash is kept with the row and compared in constant time; only a text not
        // yet verified is hashed (a SHA-256 per request was a native call and two allocations on every screening).
        if (!Verified(cached, presented))
        {
            if (!ApiKeySecret.Matches(found, presented))
            {
                return KeyCheck.Unknown;
            }

            _cache[id] = cached with { VerifiedText = presented };
        }

        if (found.RevokedAt is not null)
        {
            return KeyCheck.Revoked;
        }

        return found.IsUsableAt(now) ? new KeyCheck(cached.Principal, null) : KeyCheck.Expired;
    }

    /// <summary>Forgets cached keys (after a revocation through this node, so it applies at once here).</summary>
    public void Invalidate() => _cache.Clear();

    private static bool Verified(Cached cached, string presented) =>
        cached.VerifiedText is { } known && CryptographicOperations.FixedTimeEquals(
            MemoryMarshal.AsBytes(known.AsSpan()), MemoryMarshal.AsBytes(presented.AsSpan()));

    private static ClaimsPrincipal PrincipalOf(ApiKey key) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role.ToCode())], Scheme));

    private sealed record Cached(ApiKey? Key, ClaimsPrincipal? Principal, DateTimeOffset LoadedAt, string? VerifiedText = null);
}
