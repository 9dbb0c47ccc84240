namespace ChainTrace.Index.Clustering;

public sealed record ClusterProgress(long Height, long Transactions, long Links, TimeSpan Elapsed);
