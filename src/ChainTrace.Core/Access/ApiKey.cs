namespace ChainTrace.Core.Access;

/// <summary>
/// A stored API key: never the key itself, only its public id (to find the row) and the SHA-256 of the whole key
/// (to check it). The key has ≥ 256 random bits, so a fast hash is enough: nothing is left to brute-force.
/// </summary>
public sealed record ApiKey(
    string Name,
    ApiRole Role,
    string KeyId,
    ReadOnlyMemory<byte> KeyHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
}
