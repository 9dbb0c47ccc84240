using ChainTrace.Core.Access;

namespace ChainTrace.Core.Ports;

/// <summary>App state: the API keys (hashes only). Names are unique; a revoked key keeps its row and its name.</summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key; false (and nothing stored) when a key of that name exists, revoked or not.</summary>
    Task<bool> TryAddAsync(ApiKey key, CancellationToken cancellationToken);

    Task<ApiKey?> FindByIdAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Every key, revoked and expired ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Marks the named key revoked at <paramref name="at"/>; false when no such key exists or it was already revoked.</summary>
    Task<bool> RevokeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken);
}
