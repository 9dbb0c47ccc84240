namespace ChainTrace.Api.Contracts;

/// <summary>Body of <c>POST /v1/keys</c>: a unique name, a role (exchange, investigator, admin) and an optional expiry.</summary>
public sealed record CreateKeyRequest(string? Name, string? Role, DateTimeOffset? ExpiresAt);
