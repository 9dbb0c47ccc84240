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

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Every entry as stored, oldest first, for <see cref="AuditChain.VerifyAsync"/>.</summary>
    IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken);
}
