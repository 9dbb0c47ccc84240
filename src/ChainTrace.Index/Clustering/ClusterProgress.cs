namespace ChainTrace.Index.Clustering;

/// <param name="Stage"><c>read model</c> while the read model follows the store, then <c>clusters</c>.</param>
public sealed record ClusterProgress(long Height, long Transactions, long Links, TimeSpan Elapsed, string Stage = "clusters");
