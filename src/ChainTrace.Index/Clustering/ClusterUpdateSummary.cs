namespace ChainTrace.Index.Clustering;

/// <param name="Inputs">Inputs of the transactions processed.</param>
/// <param name="LinkSeconds">The heuristics and union-find pass alone.</param>
/// <param name="PersistSeconds">Writing the result.</param>
public sealed record ClusterUpdateSummary(
    int Blocks, long Transactions, long Inputs, long LinksAdded, long ReviewsAdded, int BlocksRolledBack,
    int Clusters, int Largest, long Height, double LinkSeconds, double PersistSeconds)
{
    /// <summary>Process CPU time over the pass (all threads: on a loaded machine a fairer figure than the wall clock).</summary>
    public double LinkCpuSeconds { get; init; }

    /// <summary>Where an update's time went (opening, extending the read model and the part of it spent appending, clustering), for the benchmark.</summary>
    public string? Stages { get; init; }
}
