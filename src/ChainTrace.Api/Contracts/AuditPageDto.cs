namespace ChainTrace.Api.Contracts;

/// <summary>A page of the audit log, oldest first; pass <paramref name="NextCursor"/> as <c>cursor</c> for the next page (null: last page).</summary>
public sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Entries, string? NextCursor);
