using ChainTrace.Core.Access;
using ChainTrace.Core.Ports;

namespace ChainTrace.Cli.Tests.Access;

/// <summary>Our own audit port around the real SQLite one, holding each append until the test opens the gate, or failing it.</summary>
internal sealed class GatedAuditLog(IAuditLog inner) : IAuditLog
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Fail { get; set; }

    public int Appends { get; private set; }

    public void Open() => _gate.TrySetResult();

    public async Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        Appends++;
        await _gate.Task.WaitAsync(cancellationToken);
        if (Fail)
        {
            throw new IOException("disk full (simulated by the test)");
        }

        return await inner.AppendAsync(events, cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditEvent> events, AuditJournalMark mark, CancellationToken cancellationToken) =>
        inner.AppendAsync(events, mark, cancellationToken);

    public Task<long> GetJournalPositionAsync(string journal, CancellationToken cancellationToken) => inner.GetJournalPositionAsync(journal, cancellationToken);

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken) => inner.ReadAllAsync(cancellationToken);
}
