namespace ChainTrace.Core.Ingest;

/// <summary>Reported after each committed batch.</summary>
public sealed record IngestProgress(long Height, long Blocks, long Transactions, TimeSpan Elapsed)
{
    public double BlocksPerSecond => Elapsed.TotalSeconds > 0 ? Blocks / Elapsed.TotalSeconds : 0;

    public double TransactionsPerSecond => Elapsed.TotalSeconds > 0 ? Transactions / Elapsed.TotalSeconds : 0;
}
