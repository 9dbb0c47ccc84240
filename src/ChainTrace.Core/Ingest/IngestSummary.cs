using ChainTrace.Core.Ports;

namespace ChainTrace.Core.Ingest;

/// <param name="Reorgs">Times the source's chain no longer matched the store and the store was rolled back.</param>
/// <param name="BlocksRolledBack">Stored blocks removed by those rollbacks.</param>
public sealed record IngestSummary(
    long BlocksWritten,
    long BlocksSkipped,
    long Transactions,
    long InputsResolvedFromStore,
    int Reorgs,
    long BlocksRolledBack,
    BlockRef? Tip,
    TimeSpan Elapsed)
{
    public double TransactionsPerSecond => Elapsed.TotalSeconds > 0 ? Transactions / Elapsed.TotalSeconds : 0;
}
