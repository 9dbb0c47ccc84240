namespace ChainTrace.Api.Contracts;

/// <summary>A key just created; <paramref name="Key"/> is shown this once and cannot be read again.</summary>
public sealed record CreatedKeyDto(string Name, string Role, string Key, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
