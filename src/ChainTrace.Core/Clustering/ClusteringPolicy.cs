namespace ChainTrace.Core.Clustering;

/// <summary>
/// What may merge clusters. <see cref="ChangeMergeConfidence"/> null: change heuristics are shown but never merge.
/// <see cref="SuperclusterThreshold"/>: a transaction that would join two clusters both larger than this is held
/// for review instead of merged.
/// </summary>
public sealed record ClusteringPolicy
{
    public const int DefaultSuperclusterThreshold = 10_000;

    public bool ExcludeCoinJoins { get; init; } = true;

    public int? ChangeMergeConfidence { get; init; }

    public int SuperclusterThreshold { get; init; } = DefaultSuperclusterThreshold;

    public int CoSpendConfidence { get; init; } = 90;

    public static ClusteringPolicy Default { get; } = new();

    /// <summary>A stable text form, stored with the clusters: other settings mean the clusters must be recomputed.</summary>
    public string Describe() =>
        $"coinjoin-exclusion={(ExcludeCoinJoins ? "on" : "off")};change-merge={(ChangeMergeConfidence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off")};supercluster={SuperclusterThreshold}";
}
