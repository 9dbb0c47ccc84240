namespace ChainTrace.Api.Contracts;

/// <summary>A stored key as listed: never the key itself. Status: <c>active</c>, <c>revoked</c> or <c>expired</c>.</summary>
public sealed record KeyDto(string Name, string Role, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);
