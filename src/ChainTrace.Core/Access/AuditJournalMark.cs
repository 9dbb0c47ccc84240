namespace ChainTrace.Core.Access;

/// <summary>
/// How far a node's audit journal has been copied into the audit log: records 1..<paramref name="Position"/> of the
/// journal named <paramref name="Journal"/>. Stored in the same transaction as the entries it covers, so a restart
/// after a crash copies every journaled record exactly once.
/// </summary>
public sealed record AuditJournalMark(string Journal, long Position);
