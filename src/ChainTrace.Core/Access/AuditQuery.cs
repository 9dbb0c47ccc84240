namespace ChainTrace.Core.Access;

/// <summary>A filter over the audit log, oldest first; <paramref name="AfterSequence"/> is the paging cursor.</summary>
public sealed record AuditQuery(
    string? KeyName = null,
    string? Subject = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? AfterSequence = null,
    int Limit = 100);
