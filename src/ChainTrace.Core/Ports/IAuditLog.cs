using ChainTrace.Core.Access;

namespace ChainTrace.Core.Ports;

/// <summary>
/// App state: the append-only audit log. The store refuses to change or delete an entry once written (enforced by
/// the database itself) and links each entry to the previous one with <see cref="AuditChain"/>.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends the events in order, durably, in one transaction: when this returns they survive a crash.</summary>
    Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="AppendAsync(IReadOnlyList{AuditEvent}, CancellationToken)"/>, and in the same transaction records
    /// <paramref name="mark"/>: the journal the events were copied from is copied up to its position.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditEvent> events, AuditJournalMark mark, CancellationToken cancellationToken);

    /// <summary>The last position of <paramref name="journal"/> recorded by an append; 0 when none was.</summary>
    Task<long> GetJournalPositionAsync(string journal, CancellationToken cancellationToken);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Every entry as stored, oldest first, for <see cref="AuditChain.VerifyAsync"/>.</summary>
    IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken);
}
