using ChainTrace.Core.Ports;

namespace ChainTrace.Core.Ingest;

/// <param name="Reorgs">Times the source showed a branch with more work than the stored one and the store was rolled back to it.</param>
/// <param name="BlocksRolledBack">Stored blocks removed by those rollbacks.</param>
/// <param name="Notes">What the run saw but did not act on (a source behind the store, a branch with less work), one sentence each.</param>
public sealed record IngestSummary(
    long BlocksWritten,
    long BlocksSkipped,
    long Transactions,
    long InputsResolvedFromStore,
    int Reorgs,
    long BlocksRolledBack,
    BlockRef? Tip,
    TimeSpan Elapsed,
    IReadOnlyList<string>? Notes = null)
{
    public double TransactionsPerSecond => Elapsed.TotalSeconds > 0 ? Transactions / Elapsed.TotalSeconds : 0;
}
