namespace ChainTrace.Api.Contracts;

/// <summary>One audit entry; <paramref name="Key"/> and <paramref name="Role"/> are null when authentication failed.</summary>
public sealed record AuditEntryDto(
    long Sequence, DateTimeOffset Time, string? Key, string? Role, string Endpoint, string Subject, int Status, string? Decision, long? DataHeight, string Hash);
