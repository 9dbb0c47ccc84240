namespace ChainTrace.Core.Access;

/// <summary>One page of audit entries; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? NextCursor);
