namespace ChainTrace.Core.Access;

/// <summary>An event as stored: its place in the log and the hash chain that makes edits detectable.</summary>
/// <param name="PreviousHash">The <see cref="Hash"/> of entry <c>Sequence - 1</c>; 32 zero bytes for the first entry.</param>
public sealed record AuditEntry(long Sequence, AuditEvent Event, ReadOnlyMemory<byte> PreviousHash, ReadOnlyMemory<byte> Hash);
